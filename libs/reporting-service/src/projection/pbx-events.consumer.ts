import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Bus, Consumer } from '@switchboard/bus';
import { consumers, isPbxEvent, subjects } from '@switchboard/contracts';
import { BUS, HealthRegistry, METRICS } from '@switchboard/platform';
import { Counter, type Registry } from 'prom-client';
import { CallReportProjection } from './call-report.projection';
import { CHECKPOINTS } from './projection-input';

/** Feeds PBX events from the bus into the projection; a message is acked once its row is written. */
@Injectable()
export class PbxEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PbxEventsConsumer.name);
  private consumer: Consumer | null = null;
  processed = 0;
  private readonly applied: Counter<'type'>;
  private readonly poison: Counter;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly projection: CallReportProjection,
    health: HealthRegistry,
    @Inject(METRICS) metrics: Registry,
  ) {
    health.register('reporting-consumer', () => this.consumer?.health() ?? { ok: false, detail: 'not started' });
    this.applied = new Counter({ name: 'switchboard_projection_pbx_events_total', help: 'PBX events applied to the Report Call Table', labelNames: ['type'], registers: [metrics] });
    this.poison = new Counter({ name: 'switchboard_projection_poison_total', help: 'PBX events the projection could not read (terminated)', registers: [metrics] });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume<unknown>({
      durable: consumers.reporting,
      filterSubject: subjects.allPbxEvents,
      handler: async (message) => {
        if (!isPbxEvent(message.data)) {
          throw new Error(`not a PBX event of a known schema version on ${message.subject}`);
        }
        // Acked once committed; the checkpoint tells a rebuild how far the live table is.
        await this.projection.applyPbxEvent(message.data, { name: CHECKPOINTS.pbxEvents, position: String(message.seq) });
        this.processed++;
        this.applied.inc({ type: message.data.type });
      },
      onPoison: (message, error) => {
        this.poison.inc();
        this.logger.error(`PBX event ${message.seq} on ${message.subject} dropped as poison: ${String(error)}`);
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }
}
