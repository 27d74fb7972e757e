import type { Leases } from './lease.port';

/**
 * The bus port: durable publish, durable competing consumption with explicit ack, and
 * request/reply. Adapters: NATS (JetStream for durable, core NATS for request/reply) and
 * in-process for the single-process mode. Payloads are JSON-serialisable values.
 */

export interface PublishOptions {
  /** Deduplication id: a second publish with the same id inside the duplicate window is dropped. */
  readonly msgId: string;
}

export interface DeliveredMessage<T = unknown> {
  readonly subject: string;
  readonly data: T;
  /** 1 on first delivery. */
  readonly deliveryCount: number;
  /** Position in the durable log (stream sequence). */
  readonly seq: number;
}

/** What the handler's outcome means for the message. */
export class TransientError extends Error {
  /** Redeliver after this delay. */
  constructor(message: string, readonly retryAfterMs = 1000) {
    super(message);
    this.name = 'TransientError';
  }
}

export interface ConsumeOptions<T> {
  /** Durable consumer name: every replica using the same name shares the work. */
  readonly durable: string;
  /** One subject filter (wildcards allowed): nats-server 2.9, as Debian ships it, has no
   *  multi-filter consumers. */
  readonly filterSubject: string;
  /** Upper bound of unacknowledged messages in flight for this durable (all replicas). */
  readonly maxAckPending?: number;
  /**
   * Called one message at a time, in stream order, per consumer instance. Resolve: the message is
   * acked (after the effect is committed). Throw TransientError: redelivered after a delay. Throw
   * anything else: the message is poison, it is terminated and reported through onPoison.
   */
  readonly handler: (message: DeliveredMessage<T>) => Promise<void>;
  readonly onPoison?: (message: DeliveredMessage<unknown>, error: unknown) => void;
}

/**
 * A durable consumer that takes messages in batches: for a handler whose cost is per call more than
 * per message (one SQL transaction for many events).
 */
export interface ConsumeBatchOptions<T> extends Omit<ConsumeOptions<T>, 'handler'> {
  /** Most messages per call of the handler (at most maxAckPending). */
  readonly maxBatch: number;
  /**
   * Called with the messages at hand together, in stream order per consumer instance: at least one,
   * at most maxBatch; the consumer never waits to fill a batch, so a lone message is not delayed.
   * Resolve: every message is acked (after the effect is committed, e.g. one transaction for the
   * batch). Throw TransientError: every message is redelivered after its delay. Throw anything
   * else: the batch is handed over again in halves, and the failing halves in halves again, so the
   * message at fault is found: one that fails alone with anything but TransientError is poison
   * (terminated, reported through onPoison), and the others go on.
   */
  readonly handler: (messages: readonly DeliveredMessage<T>[]) => Promise<void>;
}

export interface ConsumerHealth {
  /**
   * False while the consumer cannot fetch (bus disconnected, fetch failing) or, over NATS, while it
   * is further behind than READY_MAX_CONSUMER_LAG: readiness says not-ready.
   */
  readonly ok: boolean;
  readonly detail?: string;
  /**
   * Messages of the durable not processed yet (all replicas), when known: over NATS the server's
   * num_pending + num_ack_pending, read periodically; in process, the log entries after the
   * durable's position.
   */
  readonly lag?: number;
}

/** One durable consumer's lag as last read (the reading readiness uses), for the lag gauge. */
export interface ConsumerLagReading {
  readonly durable: string;
  /** The JetStream stream (in process: "in-process"). */
  readonly stream: string;
  readonly lag: number;
}

export interface Consumer {
  /**
   * Stops taking messages. Resolves once the handler in progress has finished and its message is
   * acked (or nakked / terminated by its outcome); messages this instance had received but not yet
   * handled are handed back for immediate redelivery (nak), so nothing waits for the ack timeout.
   */
  stop(): Promise<void>;
  health(): ConsumerHealth;
}

export interface Responder {
  stop(): Promise<void>;
}

export class RequestTimeoutError extends Error {
  readonly code = 'timeout';
  constructor(readonly subject: string, readonly timeoutMs: number) {
    super(`No reply on ${subject} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export class NoRespondersError extends Error {
  readonly code = 'no_responders';
  constructor(readonly subject: string) {
    super(`Nobody serves ${subject}`);
    this.name = 'NoRespondersError';
  }
}

export interface Bus {
  /** Durable publish; resolves when the message is stored (JetStream ack). */
  publish(subject: string, data: unknown, options: PublishOptions): Promise<void>;
  consume<T>(options: ConsumeOptions<T>): Promise<Consumer>;
  /** A durable consumer whose handler takes batches (see ConsumeBatchOptions). */
  consumeBatch<T>(options: ConsumeBatchOptions<T>): Promise<Consumer>;
  /** Request/reply; rejects with NoRespondersError or RequestTimeoutError. */
  request<TReq, TRes>(subject: string, data: TReq, timeoutMs: number): Promise<TRes>;
  /** Serve requests on a subject (queue group: one replica answers each request). */
  respond<TReq, TRes>(subject: string, handler: (data: TReq) => Promise<TRes>): Promise<Responder>;
  /** Single-owner leases over the same infrastructure (NATS KV; trivial in process). */
  leases(): Promise<Leases>;
  /**
   * The lag of every consumer this bus instance runs, as its health last read it (over NATS the
   * server's count, refreshed on a timer: never a request per call). Consumers whose lag is not
   * known yet are left out.
   */
  consumerLags(): ConsumerLagReading[];
  /** Fire-and-forget, non-durable notification (core NATS publish). */
  notify(subject: string, data: unknown): Promise<void>;
  /**
   * Graceful shutdown, in this order: release the leases (a standby takes over at once); stop every
   * consumer as Consumer.stop does (in-flight handlers finish and their messages are acked,
   * received-but-unhandled ones are nakked for redelivery); stop the responders after the replies
   * in progress are sent; then drain the connection, so every ack and reply still buffered reaches
   * the server. Bounded in time: if the server cannot be reached, the connection is closed without
   * the drain (unsent acks mean redelivery, never loss). Idempotent. Call it on SIGTERM, after the
   * HTTP server stopped taking requests.
   */
  close(): Promise<void>;
}
