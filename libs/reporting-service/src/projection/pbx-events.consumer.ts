import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { TransientError, type Bus, type Consumer, type DeliveredMessage } from '@switchboard/bus';
import { consumers, isPbxEvent, subjects, type PbxEvent } from '@switchboard/contracts';
import { BUS, HealthRegistry, METRICS } from '@switchboard/platform';
import { Counter, type Registry } from 'prom-client';
import { CallReportProjection } from './call-report.projection';
import { CHECKPOINTS } from './projection-input';
import { isStoreUnavailable } from './store-unavailable';

/**
 * Most PBX events per transaction: one pull's worth (NatsBus pulls 256). A backlog is caught up
 * hundreds of events per commit instead of one; a lone event is not held back to fill a batch.
 */
export const PROJECTION_BATCH = 256;

/** Redelivery delay of an event the projection could not apply: doubling, up to a minute. */
export function retryDelayMs(deliveryCount: number): number {
  return Math.min(1000 * 2 ** Math.min(Math.max(deliveryCount - 1, 0), 6), 60_000);
}

/**
 * Feeds PBX events from the bus into the projection, a batch of what arrived together per
 * transaction; the batch's messages are acked once its rows are committed.
 *
 * Failures lose nothing and duplicate nothing. A message that is not a PBX event of a known
 * version is poison (terminated, counted). A batch that fails is handed over again by the bus in
 * halves (nothing of it was committed), so one event cannot hold the others back; a single event
 * that fails (a bug) is redelivered after a growing delay, never dropped: the consumer's lag shows
 * it. A batch that fails because the database is unavailable (isStoreUnavailable) is redelivered
 * whole after that delay: splitting it would only multiply failing transactions. An event applied twice (a crash between commit and ack)
 * changes nothing: the reducer is idempotent.
 */
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
    this.consumer = await this.bus.consumeBatch<unknown>({
      durable: consumers.reporting,
      filterSubject: subjects.allPbxEvents,
      maxBatch: PROJECTION_BATCH,
      handler: (messages) => this.apply(messages),
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

  private async apply(messages: readonly DeliveredMessage<unknown>[]): Promise<void> {
    const events: PbxEvent[] = [];
    for (const m of messages) {
      // Thrown for the whole batch: the bus then splits it, and this message alone is poison.
      if (!isPbxEvent(m.data)) throw new Error(`not a PBX event of a known schema version on ${m.subject}`);
      events.push(m.data);
    }
    // The checkpoint tells a rebuild how far the live table is: the furthest event committed.
    const position = String(Math.max(...messages.map((m) => m.seq)));
    try {
      await this.projection.applyBatch(
        events.map((event) => ({ source: 'pbx', event })),
        [{ name: CHECKPOINTS.pbxEvents, position }],
      );
    } catch (error) {
      const unavailable = isStoreUnavailable(error);
      // Split by the bus only when the failure may be one event's: the database being away is not.
      if (messages.length > 1 && !unavailable) throw error;
      const delay = retryDelayMs(messages[0]?.deliveryCount ?? 1);
      const what = messages.length > 1 ? `${messages.length} PBX events from ${messages[0]?.seq}` : `PBX event ${messages[0]?.seq}`;
      this.logger.warn(`${what} not applied (${String(error)}${unavailable ? ': database unavailable' : ''}); retrying in ${delay} ms`);
      throw new TransientError(`projection failed: ${String(error)}`, delay);
    }
    this.processed += events.length;
    for (const e of events) this.applied.inc({ type: e.type });
  }
}
