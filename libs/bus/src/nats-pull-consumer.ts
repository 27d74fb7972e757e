import { JSONCodec, type Consumer as JsConsumer, type ConsumerMessages, type JsMsg } from 'nats';
import { TransientError, type ConsumeOptions, type Consumer, type ConsumerHealth, type DeliveredMessage } from './bus.port';
import type { BusLogger } from './bus-logger';

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
}

const codec = JSONCodec();

/**
 * One instance of a durable pull consumer over nats.js `consume()`: each message handled in
 * stream order, then acked, nakked or terminated by the handler's outcome.
 *
 * stop() unsubscribes, lets the handler in progress finish and ack, and naks what was received
 * but not handled, so the next instance gets it at once instead of after the ack wait. If the
 * message feed fails or ends on its own (consumer deleted, JetStream unavailable), the loop logs,
 * backs off and opens a new feed; it never dies silently, and health() reports the trouble for
 * readiness.
 */
export class NatsPullConsumer<T> implements Consumer {
  private stopping = false;
  private problem: string | null = null;
  private wakeUp: () => void = () => undefined;
  private open: ConsumerMessages | null = null;
  private readonly stopRequested: Promise<void>;
  private readonly finished: Promise<void>;

  constructor(
    private readonly source: JsConsumer,
    private readonly options: ConsumeOptions<T>,
    private readonly link: NatsLink,
    private readonly settings: PullSettings,
    private readonly logger: BusLogger,
  ) {
    this.stopRequested = new Promise((resolve) => (this.wakeUp = resolve));
    this.finished = this.run();
  }

  health(): ConsumerHealth {
    if (this.stopping) return { ok: false, detail: 'stopped' };
    if (!this.link.connected) return { ok: false, detail: 'NATS disconnected' };
    if (this.problem) return { ok: false, detail: this.problem };
    return { ok: true };
  }

  async stop(): Promise<void> {
    this.stopping = true;
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
        if (failures > 0) this.logger.warn(`consumer ${this.options.durable}: fetching again`);
        failures = 0;
        this.problem = null;
      } catch (error) {
        failures++;
        const delay = Math.min(this.settings.retryMs * 2 ** Math.min(failures - 1, 16), this.settings.maxRetryMs);
        this.problem = `fetch failed ${failures} time(s) in a row: ${describe(error)}`;
        this.logger.warn(`consumer ${this.options.durable}: ${this.problem}; retrying in ${delay} ms`);
        await this.pause(delay);
      }
    }
  }

  private async fetchAndHandle(): Promise<void> {
    const messages = await this.source.consume({ max_messages: this.settings.batch, expires: this.settings.expiresMs });
    this.open = messages;
    // A stop requested while consume() was being set up.
    if (this.stopping) messages.stop();
    for await (const m of messages) {
      if (this.stopping) {
        // Handed back, not handled. Delayed past the expiry of this instance's pull requests: the
        // server cannot withdraw them, and would otherwise send the message straight back into
        // one of them, to an inbox nobody listens to any more (lost until the ack wait ran out).
        this.reply(m, () => m.nak(this.settings.expiresMs + 500));
        continue;
      }
      await this.handle(m);
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    const base = { subject: m.subject, deliveryCount: m.info.redeliveryCount, seq: m.seq };
    let delivered: DeliveredMessage<T>;
    try {
      delivered = { ...base, data: codec.decode(m.data) as T };
    } catch (error) {
      this.poison(m, { ...base, data: m.string() }, error);
      return;
    }
    try {
      await this.options.handler(delivered);
    } catch (error) {
      if (error instanceof TransientError) this.reply(m, () => m.nak(error.retryAfterMs));
      else this.poison(m, delivered, error);
      return;
    }
    this.reply(m, () => m.ack());
  }

  private poison(m: JsMsg, message: DeliveredMessage<unknown>, error: unknown): void {
    // term() without a reason: nats.js sends a reason as "+TERM <reason>", which nats-server 2.9
    // (Debian's) does not recognise, so the message would come back after every ack wait forever.
    // The reason goes to our log instead.
    this.logger.error(
      `consumer ${this.options.durable}: message ${message.seq} on ${message.subject} terminated as poison: ${describe(error)}`,
    );
    this.reply(m, () => m.term());
    try {
      this.options.onPoison?.(message, error);
    } catch (callbackError) {
      this.logger.error(`consumer ${this.options.durable}: onPoison threw: ${describe(callbackError)}`);
    }
  }

  /** An ack, nak or term cannot be sent once the connection is closed; the server redelivers. */
  private reply(m: JsMsg, send: () => void): void {
    try {
      send();
    } catch (error) {
      this.logger.warn(`consumer ${this.options.durable}: could not settle message ${m.seq}: ${describe(error)}`);
    }
  }

  private pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
      this.stopRequested,
    ]).finally(() => clearTimeout(timer));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
