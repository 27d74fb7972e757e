import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/platform';
import { AgentEventsFollower } from './projection/agent-events.follower';
import { CallReportProjection } from './projection/call-report.projection';
import { PbxEventsConsumer } from './projection/pbx-events.consumer';
import { CallQueryService } from './http/call-query.service';
import { CallsController } from './http/calls.controller';
import { openReportDb, type ReportDb } from './store/open-report-db';
import { REPORT_DB } from './tokens';

/** Reporting: projects the Report Call Table and serves queries over it. Needs PlatformModule. */
@Module({
  controllers: [CallsController],
  providers: [
    {
      provide: REPORT_DB,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openReportDb(config.databaseUrl),
    },
    {
      provide: CallReportProjection,
      inject: [REPORT_DB],
      useFactory: (db: ReportDb) => new CallReportProjection(db),
    },
    PbxEventsConsumer,
    AgentEventsFollower,
    CallQueryService,
  ],
  exports: [CallQueryService, REPORT_DB],
})
export class ReportingModule implements OnApplicationShutdown {
  constructor(@Inject(REPORT_DB) private readonly db: ReportDb) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
