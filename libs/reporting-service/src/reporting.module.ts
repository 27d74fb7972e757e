import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/platform';
import { AgentEventsFollower } from './projection/agent-events.follower';
import { CallReportProjection } from './projection/call-report.projection';
import { PbxEventsConsumer } from './projection/pbx-events.consumer';
import { AdminRebuildController } from './http/admin-rebuild.controller';
import { CallsController } from './http/calls.controller';
import { ReportsController } from './http/reports.controller';
import { CallQueryService } from './query/call-query.service';
import { ReportAggregatesService } from './query/report-aggregates.service';
import { ReportRebuilder } from './rebuild/report-rebuilder';
import { openReportDb, type ReportDb } from './store/open-report-db';
import { REPORT_DB } from './tokens';

/** Reporting: projects the Report Call Table and serves queries over it. Needs PlatformModule. */
@Module({
  controllers: [CallsController, ReportsController, AdminRebuildController],
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
    ReportAggregatesService,
    ReportRebuilder,
  ],
  exports: [CallQueryService, ReportRebuilder, REPORT_DB],
})
export class ReportingModule implements OnApplicationShutdown {
  constructor(@Inject(REPORT_DB) private readonly db: ReportDb) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
