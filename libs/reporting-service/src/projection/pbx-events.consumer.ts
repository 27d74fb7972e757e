import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Bus, Consumer } from '@switchboard/bus';
import { consumers, isPbxEvent, subjects } from '@switchboard/contracts';
import { BUS, HealthRegistry } from '@switchboard/platform';
import { CallReportProjection } from './call-report.projection';

/** Feeds PBX events from the bus into the projection; a message is acked once its row is written. */
@Injectable()
export class PbxEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PbxEventsConsumer.name);
  private consumer: Consumer | null = null;
  processed = 0;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly projection: CallReportProjection,
    health: HealthRegistry,
  ) {
    health.register('reporting-consumer', () => ({ ok: this.consumer !== null }));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume<unknown>({
      durable: consumers.reporting,
      filterSubject: subjects.allPbxEvents,
      handler: async (message) => {
        if (!isPbxEvent(message.data)) {
          throw new Error(`not a PBX event of a known schema version on ${message.subject}`);
        }
        await this.projection.applyPbxEvent(message.data);
        this.processed++;
      },
      onPoison: (message, error) =>
        this.logger.error(`PBX event ${message.seq} on ${message.subject} dropped as poison: ${String(error)}`),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }
}
