import { JSONCodec, type JsMsg } from 'nats';
import type { DeliveredMessage } from './bus.port';
import type { BusLogger } from './bus-logger';
import { describeError, outcomeOf, reportPoison, type Delivery } from './delivery';
import type { NewerSchemaGuard } from './newer-schema';

const codec = JSONCodec();

interface Readable<T> {
  readonly m: JsMsg;
  readonly delivered: DeliveredMessage<T>;
}

/**
 * Hands a batch of JetStream messages to a delivery's handler and settles each message by the
 * outcome: ack after the handler resolved, nak with the delay of a TransientError, and for any
 * other failure the batch split in halves, again and again, so that only the message at fault is
 * terminated as poison. Messages that are not JSON never reach the handler: they are poison.
 * Messages of a newer schema version than this release reads never reach it either: they are handed
 * back after a delay for a newer replica (NewerSchemaGuard), never terminated.
 */
export class NatsBatchHandler<T> {
  constructor(
    private readonly delivery: Delivery<T>,
    private readonly logger: BusLogger,
    /** True once the consumer stops: the halves of a split batch not handled yet are handed back. */
    private readonly stopping: () => boolean,
    /** Hands a message back for another instance (nak with the delay the consumer needs). */
    private readonly handBack: (m: JsMsg) => void,
    private readonly newer: { readonly guard: NewerSchemaGuard; readonly retryMs: number },
  ) {}

  async handle(batch: readonly JsMsg[]): Promise<void> {
    const readable: Readable<T>[] = [];
    for (const m of batch) {
      const base = { subject: m.subject, deliveryCount: m.info.redeliveryCount, seq: m.seq };
      let data: T;
      try {
        data = codec.decode(m.data) as T;
      } catch (error) {
        this.poison(m, { ...base, data: m.string() }, error);
        continue;
      }
      if (this.newer.guard.isNewer(data, m.subject, m.seq)) this.reply(m, () => m.nak(this.newer.retryMs));
      else readable.push({ m, delivered: { ...base, data } });
    }
    if (readable.length > 0) await this.deliver(readable);
  }

  private async deliver(batch: readonly Readable<T>[]): Promise<void> {
    const outcome = await outcomeOf(this.delivery, batch.map((r) => r.delivered));
    switch (outcome.kind) {
      case 'ack':
        for (const r of batch) this.reply(r.m, () => r.m.ack());
        return;
      case 'retry':
        for (const r of batch) this.reply(r.m, () => r.m.nak(outcome.afterMs));
        return;
      case 'failed': {
        const [only] = batch;
        if (batch.length === 1 && only) return this.poison(only.m, only.delivered, outcome.error);
        // Halves, down to the message at fault: a few transactions for one bad message, where
        // one at a time would be one per message of the batch.
        this.logger.warn(`consumer ${this.delivery.durable}: a batch of ${batch.length} failed (${describeError(outcome.error)}); trying its halves`);
        const middle = Math.ceil(batch.length / 2);
        for (const half of [batch.slice(0, middle), batch.slice(middle)]) {
          if (this.stopping()) for (const r of half) this.handBack(r.m);
          else await this.deliver(half);
        }
        return;
      }
      default:
        return assertNever(outcome);
    }
  }

  private poison(m: JsMsg, message: DeliveredMessage<unknown>, error: unknown): void {
    // term() without a reason: nats.js sends a reason as "+TERM <reason>", which nats-server 2.9
    // (Debian's) does not recognise, so the message would come back after every ack wait forever.
    // The reason goes to our log instead.
    this.logger.error(
      `consumer ${this.delivery.durable}: message ${message.seq} on ${message.subject} terminated as poison: ${describeError(error)}`,
    );
    this.reply(m, () => m.term());
    reportPoison(this.delivery, message, error, (line) => this.logger.error(line));
  }

  /** An ack, nak or term cannot be sent once the connection is closed; the server redelivers. */
  reply(m: JsMsg, send: () => void): void {
    try {
      send();
    } catch (error) {
      this.logger.warn(`consumer ${this.delivery.durable}: could not settle message ${m.seq}: ${describeError(error)}`);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected outcome ${JSON.stringify(value)}`);
}
