import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Registry } from 'prom-client';
import type { Bus } from '@switchboard/bus';
import type { EventStore } from '@switchboard/event-store';
import type { AppConfig } from './config/app-config';
import { AuthGuard } from './auth/auth.guard';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';
import { loggerParams } from './logging/logger-options';
import { createBus } from './messaging/create-bus';
import { createEventStore } from './persistence/create-event-store';
import { createMetricsRegistry } from './metrics/create-registry';
import { MetricsController } from './metrics/metrics.controller';
import { registerConsumerLagGauge } from './metrics/bus-metrics';
import { HttpMetrics } from './metrics/http-metrics';
import { APP_CONFIG, BUS, EVENT_STORE, METRICS, SERVICE_NAME } from './tokens';

export interface PlatformOptions {
  /** Used as the NATS connection name, visible in NATS monitoring. */
  readonly serviceName: string;
  /** The gateway has no use for the event store; only services that read or write it open it. */
  readonly eventStore: boolean;
  /** Tests and the single-process mode can hand in ready-made adapters. */
  readonly bus?: Bus;
  readonly store?: EventStore;
}

/** Closes the shared connections last, after every module has stopped consuming. */
@Injectable()
class ConnectionCloser implements OnApplicationShutdown {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(EVENT_STORE) private readonly store: EventStore | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.store?.close();
  }
}

@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(config.logLevel))],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SERVICE_NAME, useValue: options.serviceName },
        HealthRegistry,
        { provide: METRICS, useFactory: () => createMetricsRegistry(options.serviceName) },
        {
          provide: BUS,
          useFactory: async (metrics: Registry) => {
            const bus = options.bus ?? (await createBus(config, options.serviceName, metrics));
            registerConsumerLagGauge(metrics, bus);
            return bus;
          },
          inject: [METRICS],
        },
        {
          provide: EVENT_STORE,
          useFactory: () =>
            options.store ?? (options.eventStore ? createEventStore(config) : null),
        },
        ConnectionCloser,
        HttpMetrics,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [SERVICE_NAME, APP_CONFIG, HealthRegistry, BUS, EVENT_STORE, METRICS],
    };
  }
}
