import type { Consumer as JsConsumer, ConsumerMessages, JsMsg } from 'nats';
import type { Consumer, ConsumerHealth } from './bus.port';
import type { BusLogger } from './bus-logger';
import { describeError, type Delivery } from './delivery';
import { NatsBatchHandler } from './nats-batch-handler';
import { ConsumerLagWatch, type LagSettings } from './nats-consumer-lag';
import { NatsMessageFeed } from './nats-message-feed';
import type { NewerSchemaGuard } from './newer-schema';

/** What the consumer needs to know about the connection under it. */
export interface NatsLink {
  readonly connected: boolean;
  /** Resolves once the connection is up again (at once when it is). */
  untilConnected(): Promise<void>;
}

export interface PullSettings {
  /** Messages asked for per pull request. */
  readonly batch: number;
  /** How long one pull request waits for messages before nats.js renews it (at least 1000). */
  readonly expiresMs: number;
  /** First pause after a failed fetch; doubled per failure up to maxRetryMs. */
  readonly retryMs: number;
  readonly maxRetryMs: number;
  /** Readiness bound on the durable's lag, and how often the lag is read from the server. */
  readonly lag: LagSettings;
  /** Redelivery delay of a message of a newer schema version, handed back for a newer replica. */
  readonly newerSchemaRetryMs: number;
}

/**
 * One instance of a durable pull consumer over nats.js `consume()`: messages handed to the
 * handler in stream order — one at a time, or in batches of what has arrived together (up to the
 * delivery's maxBatch) — then acked, nakked or terminated by the handler's outcome.
 *
 * stop() unsubscribes, lets the batch in progress finish and ack, and naks what was received but
 * not handled, so the next instance gets it at once instead of after the ack wait. If the message
 * feed fails or ends on its own (consumer deleted, JetStream unavailable), the loop logs, backs off
 * and opens a new feed; it never dies silently, and health() reports the trouble for readiness, as
 * it reports a lag above the bound (read from the server on a timer, not per check).
 */
export class NatsPullConsumer<T> implements Consumer {
  private stopping = false;
  private problem: string | null = null;
  private wakeUp: () => void = () => undefined;
  private open: ConsumerMessages | null = null;
  private readonly stopRequested: Promise<void>;
  private readonly finished: Promise<void>;
  private readonly handler: NatsBatchHandler<T>;
  private readonly lag: ConsumerLagWatch;

  constructor(
    private readonly source: JsConsumer,
    private readonly delivery: Delivery<T>,
    private readonly link: NatsLink,
    private readonly settings: PullSettings,
    private readonly logger: BusLogger,
    newerSchema: NewerSchemaGuard,
  ) {
    this.stopRequested = new Promise((resolve) => (this.wakeUp = resolve));
    this.handler = new NatsBatchHandler(delivery, logger, () => this.stopping, (m) => this.handBack(m), {
      guard: newerSchema,
      retryMs: settings.newerSchemaRetryMs,
    });
    this.lag = new ConsumerLagWatch(() => source.info(false), settings.lag);
    this.finished = this.run();
  }

  health(): ConsumerHealth {
    const lag = this.lag.reading();
    const not = (detail: string): ConsumerHealth => ({ ok: false, detail, lag: lag.lag });
    if (this.stopping) return not('stopped');
    if (!this.link.connected) return not('NATS disconnected');
    if (this.problem) return not(this.problem);
    if (lag.problem) return not(lag.problem);
    return { ok: true, detail: lag.detail, lag: lag.lag };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.lag.stop();
    // Unsubscribes; what was received before is still iterated, and handed back below.
    this.open?.stop();
    this.wakeUp();
    await this.finished;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (!this.link.connected) {
        // A pull request sent now would sit in the reconnect buffer and reach the server late.
        await Promise.race([this.link.untilConnected(), this.stopRequested]);
        continue;
      }
      try {
        await this.fetchAndHandle();
        if (!this.stopping) throw new Error('the message feed ended on its own');
        if (failures > 0) this.logger.warn(`consumer ${this.delivery.durable}: fetching again`);
        failures = 0;
        this.problem = null;
      } catch (error) {
        failures++;
        const delay = Math.min(this.settings.retryMs * 2 ** Math.min(failures - 1, 16), this.settings.maxRetryMs);
        this.problem = `fetch failed ${failures} time(s) in a row: ${describeError(error)}`;
        this.logger.warn(`consumer ${this.delivery.durable}: ${this.problem}; retrying in ${delay} ms`);
        await this.pause(delay);
      }
    }
  }

  private async fetchAndHandle(): Promise<void> {
    const messages = await this.source.consume({ max_messages: this.settings.batch, expires: this.settings.expiresMs });
    this.open = messages;
    // A stop requested while consume() was being set up.
    if (this.stopping) messages.stop();
    const feed = new NatsMessageFeed(messages);
    for (;;) {
      const first = await feed.next();
      if (!first) return;
      const batch = [first];
      while (batch.length < this.delivery.maxBatch) {
        const more = await feed.nextIfArrived();
        if (!more) break;
        batch.push(more);
      }
      if (this.stopping) for (const m of batch) this.handBack(m);
      else await this.handler.handle(batch);
    }
  }

  /**
   * Handed back, not handled. Delayed past the expiry of this instance's pull requests: the server
   * cannot withdraw them, and would otherwise send the message straight back into one of them, to
   * an inbox nobody listens to any more (lost until the ack wait ran out).
   */
  private handBack(m: JsMsg): void {
    this.handler.reply(m, () => m.nak(this.settings.expiresMs + 500));
  }

  private pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
      this.stopRequested,
    ]).finally(() => clearTimeout(timer));
  }
}
