import {
  NoRespondersError,
  RequestTimeoutError,
  type Bus,
  type ConsumeBatchOptions,
  type ConsumeOptions,
  type Consumer,
  type ConsumerLagReading,
  type DeliveredMessage,
  type PublishOptions,
  type Responder,
} from './bus.port';
import { batchDelivery, outcomeOf, reportPoison, singleDelivery, type Delivery } from './delivery';
import { InProcessLeases, type Leases } from './lease.port';
import { subjectMatches } from './subject-match';

interface LogEntry {
  readonly seq: number;
  readonly subject: string;
  readonly data: unknown;
}

interface Durable {
  readonly name: string;
  readonly filterSubject: string;
  /** Next log sequence to deliver. */
  cursor: number;
  /** Instances (replicas) sharing this durable; one message (or batch) at a time across them, in order. */
  readonly instances: Set<ConsumerInstance>;
  busy: boolean;
  deliveryCount: Map<number, number>;
  retryTimer: NodeJS.Timeout | null;
  /** After a batch failed: messages up to `until` go in batches of at most `max` (halves). */
  split: { readonly until: number; readonly max: number } | null;
}

interface ConsumerInstance {
  readonly delivery: Delivery<unknown>;
  /** The messages this instance is handling, settled (acked, retried or terminated) on resolve. */
  inFlight: Promise<void> | null;
  stopped: boolean;
}

export interface InProcessBusOptions {
  /**
   * Retention: the log keeps the newest this many messages, like a JetStream stream with
   * max_msgs and the default discard-old policy. Default 50,000.
   */
  readonly maxLogEntries?: number;
  readonly duplicateWindowMs?: number;
}

/**
 * The single-process bus: the same semantics as the NATS adapter (durable log, message-id
 * deduplication, competing consumers on a durable name, ack after the handler, redelivery on
 * TransientError, poison on any other error, request/reply) without a server.
 *
 * Retention is a max-messages limit, as on a JetStream limits-policy stream, not "drop what every
 * durable acked" (a work-queue or interest policy): a durable created later starts from the
 * stream's first retained message (DeliverAll), and only a limit can promise that to consumers
 * that do not exist yet. The cost is that a durable lagging by more than the limit misses the
 * oldest messages, as it would on JetStream; `overflowed` counts them.
 */
export class InProcessBus implements Bus {
  private log: LogEntry[] = [];
  /** Index in `log` of the oldest retained entry (seq `firstSeq`). */
  private head = 0;
  private firstSeq = 1;
  private nextSeq = 1;
  private readonly durables = new Map<string, Durable>();
  private readonly responders = new Map<string, Array<(data: unknown) => Promise<unknown>>>();
  private readonly subscribers: Array<{ subject: string; handler: (data: unknown) => void }> = [];
  /** Message id → when first published; insertion order is time order (see remember). */
  private readonly seen = new Map<string, number>();
  private readonly maxLogEntries: number;
  private readonly duplicateWindowMs: number;
  private closed = false;
  /** Messages dropped from the log before every durable consumed them (log cap reached). */
  overflowed = 0;

  constructor(options: InProcessBusOptions = {}) {
    this.maxLogEntries = options.maxLogEntries ?? 50_000;
    this.duplicateWindowMs = options.duplicateWindowMs ?? 120_000;
  }

  async publish(subject: string, data: unknown, options: PublishOptions): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const now = Date.now();
    this.forgetOldIds(now);
    if (this.seen.has(options.msgId)) return;
    this.seen.set(options.msgId, now);
    // A structured clone keeps the in-process mode honest: consumers never share an object
    // with the publisher, as they cannot over NATS.
    this.log.push({ seq: this.nextSeq++, subject, data: structuredClone(data) });
    this.trim();
    for (const durable of this.durables.values()) this.pump(durable);
  }

  async consume<T>(options: ConsumeOptions<T>): Promise<Consumer> {
    return this.open(singleDelivery(options) as Delivery<unknown>);
  }

  async consumeBatch<T>(options: ConsumeBatchOptions<T>): Promise<Consumer> {
    return this.open(batchDelivery(options) as Delivery<unknown>);
  }

  private open(delivery: Delivery<unknown>): Consumer {
    let durable = this.durables.get(delivery.durable);
    if (!durable) {
      durable = {
        name: delivery.durable,
        filterSubject: delivery.filterSubject,
        cursor: this.firstSeq,
        instances: new Set(),
        busy: false,
        deliveryCount: new Map(),
        retryTimer: null,
        split: null,
      };
      this.durables.set(delivery.durable, durable);
    }
    if (this.closed) throw new Error('bus is closed');
    const instance: ConsumerInstance = { delivery, inFlight: null, stopped: false };
    durable.instances.add(instance);
    this.pump(durable);
    const d = durable;
    const lag = () => this.lagOf(d);
    return {
      health: () => (instance.stopped ? { ok: false, detail: 'stopped', lag: lag() } : { ok: true, lag: lag() }),
      // The message (or batch) in the handler is finished and acked before stop resolves; the
      // others stay in the log for the durable's other instances, or the next one.
      stop: async () => {
        instance.stopped = true;
        d.instances.delete(instance);
        await instance.inFlight;
      },
    };
  }

  /** Entries published after the durable's position, whatever their subject: an upper bound,
   *  counted without scanning the log. */
  private lagOf(durable: Durable): number {
    return this.nextSeq - Math.max(durable.cursor, this.firstSeq);
  }

  consumerLags(): ConsumerLagReading[] {
    return [...this.durables.values()]
      .filter((d) => d.instances.size > 0)
      .map((d) => ({ durable: d.name, stream: 'in-process', lag: this.lagOf(d) }));
  }

  async request<TReq, TRes>(subject: string, data: TReq, timeoutMs: number): Promise<TRes> {
    const handlers = this.responders.get(subject);
    if (!handlers || handlers.length === 0) throw new NoRespondersError(subject);
    const handler = handlers[Math.floor(Math.random() * handlers.length)];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeoutError(subject, timeoutMs)), timeoutMs);
    });
    try {
      const reply = await Promise.race([handler(structuredClone(data)), timeout]);
      return structuredClone(reply) as TRes;
    } finally {
      clearTimeout(timer);
    }
  }

  async respond<TReq, TRes>(subject: string, handler: (data: TReq) => Promise<TRes>): Promise<Responder> {
    const list = this.responders.get(subject) ?? [];
    const h = handler as (data: unknown) => Promise<unknown>;
    list.push(h);
    this.responders.set(subject, list);
    return {
      stop: async () => {
        const current = this.responders.get(subject) ?? [];
        this.responders.set(subject, current.filter((x) => x !== h));
      },
    };
  }

  async leases(): Promise<Leases> {
    return new InProcessLeases();
  }

  async notify(subject: string, data: unknown): Promise<void> {
    for (const s of this.subscribers) if (subjectMatches(s.subject, subject)) s.handler(structuredClone(data));
  }

  /** Non-durable notifications (the counterpart of notify). */
  subscribe(subject: string, handler: (data: unknown) => void): { stop(): void } {
    const entry = { subject, handler };
    this.subscribers.push(entry);
    return { stop: () => void this.subscribers.splice(this.subscribers.indexOf(entry), 1) };
  }

  /** See Bus.close: handlers in progress finish (and their messages are acked) first. */
  async close(): Promise<void> {
    this.closed = true;
    const inFlight: Array<Promise<void> | null> = [];
    for (const d of this.durables.values()) {
      for (const instance of d.instances) {
        instance.stopped = true;
        inFlight.push(instance.inFlight);
      }
      d.instances.clear();
      if (d.retryTimer) clearTimeout(d.retryTimer);
      d.retryTimer = null;
    }
    await Promise.all(inFlight);
  }

  /** How many messages the log holds now (bounded by maxLogEntries). */
  get retained(): number {
    return this.log.length - this.head;
  }

  private pump(durable: Durable): void {
    if (durable.busy || durable.retryTimer || durable.instances.size === 0 || this.closed) return;
    const first = this.nextFor(durable);
    if (!first) return;
    // Replicas compete: each message (or batch) goes to one instance.
    const instances = [...durable.instances];
    const instance = instances[first.seq % instances.length] as ConsumerInstance;
    const split = durable.split && first.seq <= durable.split.until ? durable.split.max : Infinity;
    const max = Math.min(split, instance.delivery.maxBatch);
    const messages = this.batchFrom(durable, first, max).map((entry): DeliveredMessage<unknown> => {
      const count = (durable.deliveryCount.get(entry.seq) ?? 0) + 1;
      durable.deliveryCount.set(entry.seq, count);
      return { subject: entry.subject, data: entry.data, deliveryCount: count, seq: entry.seq };
    });
    const lastSeq = (messages[messages.length - 1] as DeliveredMessage<unknown>).seq;
    durable.busy = true;
    const done = outcomeOf(instance.delivery, messages)
      .then((outcome) => {
        switch (outcome.kind) {
          case 'ack':
            return this.settle(durable, messages, lastSeq);
          case 'retry':
            durable.busy = false;
            if (this.closed) return;
            durable.retryTimer = setTimeout(() => {
              durable.retryTimer = null;
              this.pump(durable);
            }, outcome.afterMs);
            return;
          case 'failed':
            if (messages.length > 1) {
              // Handed over again in halves, down to the message at fault: only it is poison.
              durable.split = { until: lastSeq, max: Math.ceil(messages.length / 2) };
              durable.busy = false;
              setImmediate(() => this.pump(durable));
              return;
            }
            // The report failing does not change the outcome: the message is terminated.
            reportPoison(instance.delivery, messages[0] as DeliveredMessage<unknown>, outcome.error, () => undefined);
            return this.settle(durable, messages, lastSeq);
          default:
            return assertNever(outcome);
        }
      })
      .finally(() => {
        if (instance.inFlight === done) instance.inFlight = null;
      });
    instance.inFlight = done;
  }

  /** Up to `max` entries the durable's filter matches, from `first` on, in log order. */
  private batchFrom(durable: Durable, first: LogEntry, max: number): LogEntry[] {
    const batch = [first];
    for (let i = this.head + first.seq - this.firstSeq + 1; i < this.log.length && batch.length < max; i++) {
      const entry = this.log[i] as LogEntry;
      if (subjectMatches(durable.filterSubject, entry.subject)) batch.push(entry);
    }
    return batch;
  }

  private settle(durable: Durable, messages: readonly DeliveredMessage<unknown>[], lastSeq: number): void {
    for (const m of messages) durable.deliveryCount.delete(m.seq);
    durable.cursor = lastSeq + 1;
    durable.busy = false;
    // Continue asynchronously so a long backlog does not grow the stack.
    setImmediate(() => this.pump(durable));
  }

  private nextFor(durable: Durable): LogEntry | undefined {
    if (durable.cursor < this.firstSeq) durable.cursor = this.firstSeq;
    for (let i = this.head + durable.cursor - this.firstSeq; i < this.log.length; i++) {
      const entry = this.log[i];
      if (subjectMatches(durable.filterSubject, entry.subject)) return entry;
      durable.cursor = entry.seq + 1;
    }
    return undefined;
  }

  /**
   * Limits retention, like a JetStream stream with max messages: the log keeps the newest
   * entries, so a durable created later still gets what was published before it. Entries a
   * durable had not reached when they were dropped are counted in `overflowed`.
   */
  private trim(): void {
    const drop = this.log.length - this.head - this.maxLogEntries;
    if (drop <= 0) return;
    const dropUntil = this.firstSeq + drop;
    for (const d of this.durables.values()) if (d.cursor < dropUntil) this.overflowed += dropUntil - Math.max(d.cursor, this.firstSeq);
    this.head += drop;
    this.firstSeq = dropUntil;
    // Compact now and then instead of on every message (slice is linear in the log length).
    if (this.head > 4096 && this.head * 2 > this.log.length) {
      this.log = this.log.slice(this.head);
      this.head = 0;
    }
  }

  /** Ids are only ever added, never re-set, so the map's order is time order: the expired ones
   *  are at its front, and forgetting them costs only what it forgets. */
  private forgetOldIds(now: number): void {
    for (const [id, at] of this.seen) {
      if (now - at < this.duplicateWindowMs) return;
      this.seen.delete(id);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected outcome ${JSON.stringify(value)}`);
}
