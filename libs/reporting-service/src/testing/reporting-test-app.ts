import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InProcessBus, type Bus } from '@switchboard/bus';
import { InMemoryEventStore } from '@switchboard/event-store';
import { createHttpApp, loadConfig, PlatformModule, signAccessToken, type AppConfig, type Principal } from '@switchboard/platform';
import { CallReportProjection } from '../projection/call-report.projection';
import { ReportingModule } from '../reporting.module';

@Module({})
class ReportingTestModule {
  static forRoot(config: AppConfig, bus: Bus, store: InMemoryEventStore): DynamicModule {
    return {
      module: ReportingTestModule,
      imports: [PlatformModule.forRoot(config, { serviceName: 'reporting-test', eventStore: true, bus, store }), ReportingModule],
    };
  }
}

export interface ReportingTestApp {
  readonly app: NestFastifyApplication;
  readonly bus: Bus;
  readonly store: InMemoryEventStore;
  readonly projection: CallReportProjection;
  /** `Bearer …` for a principal, signed with this app's secret. */
  bearer(principal: Principal): string;
  close(): Promise<void>;
}

/**
 * The reporting module on Fastify, as its service runs it, over a real report database (the URL
 * given), with an in-memory event store and the in-process bus (or the bus given: NATS) as its
 * two logs.
 */
export async function startReportingTestApp(databaseUrl: string, bus: Bus = new InProcessBus()): Promise<ReportingTestApp> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', AUTH_SECRET: 'reporting-test-secret-of-at-least-32-chars' });
  const store = new InMemoryEventStore();
  const app = await createHttpApp(ReportingTestModule.forRoot(config, bus, store));
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    bus,
    store,
    projection: app.get(CallReportProjection),
    bearer: (principal) => `Bearer ${signAccessToken(principal, config.auth.secret, 3600, Date.now())}`,
    close: () => app.close(),
  };
}
