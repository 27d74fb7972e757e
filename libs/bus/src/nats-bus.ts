import {
  AckPolicy,
  DeliverPolicy,
  ErrorCode,
  JSONCodec,
  StorageType,
  connect,
  nanos,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  type NatsError,
  type Subscription,
} from 'nats';
import {
  NoRespondersError,
  RequestTimeoutError,
  TransientError,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  type PublishOptions,
  type Responder,
} from './bus.port';
import type { Leases } from './lease.port';
import { NatsKvLeases, type NatsKvLeasesOptions } from './nats-kv-leases';

export interface StreamSpec {
  readonly name: string;
  readonly subjects: readonly string[];
  /** JetStream drops a second publish with the same message id inside this window. */
  readonly duplicateWindowMs?: number;
  readonly maxAgeMs?: number;
  readonly replicas?: number;
}

export interface NatsBusOptions {
  readonly servers: string | string[];
  /** Connection name, visible in NATS monitoring. */
  readonly name: string;
  /** Streams this service relies on; declared idempotently at connect. */
  readonly streams: readonly StreamSpec[];
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
  readonly ackWaitMs?: number;
  readonly leases?: NatsKvLeasesOptions;
}

const codec = JSONCodec();

/**
 * The bus over NATS: JetStream for durable messages (publish with a message id, durable pull
 * consumers with explicit ack), core NATS request/reply in a queue group for PBX actions.
 */
export class NatsBus implements Bus {
  private readonly consumers = new Set<{ stop(): Promise<void> }>();
  private readonly subscriptions = new Set<Subscription>();
  private leasesInstance: Promise<NatsKvLeases> | null = null;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly ackWaitMs: number,
    private readonly leaseOptions: NatsKvLeasesOptions,
  ) {}

  static async connect(options: NatsBusOptions): Promise<NatsBus> {
    const nc = await connect({
      servers: options.servers,
      name: options.name,
      user: options.user,
      pass: options.pass,
      token: options.token,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
    });
    const jsm = await nc.jetstreamManager();
    for (const spec of options.streams) await declareStream(jsm, spec);
    return new NatsBus(nc, nc.jetstream(), jsm, options.ackWaitMs ?? 30_000, options.leases ?? {});
  }

  async publish(subject: string, data: unknown, options: PublishOptions): Promise<void> {
    await this.js.publish(subject, codec.encode(data), { msgID: options.msgId });
  }

  async consume<T>(options: ConsumeOptions<T>): Promise<Consumer> {
    const stream = await this.jsm.streams.find(options.filterSubject);
    await this.ensureConsumer(stream, options);
    const consumer = await this.js.consumers.get(stream, options.durable);
    const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 });
    const loop = (async () => {
      for await (const m of messages) {
        let data: T;
        try {
          data = codec.decode(m.data) as T;
        } catch (error) {
          options.onPoison?.({ subject: m.subject, data: m.string(), deliveryCount: m.info.redeliveryCount, seq: m.seq }, error);
          m.term();
          continue;
        }
        const delivered = { subject: m.subject, data, deliveryCount: m.info.redeliveryCount, seq: m.seq };
        try {
          await options.handler(delivered);
          m.ack();
        } catch (error) {
          if (error instanceof TransientError) {
            m.nak(error.retryAfterMs);
          } else {
            options.onPoison?.(delivered, error);
            m.term();
          }
        }
      }
    })();
    const handle = {
      stop: async () => {
        messages.stop();
        await loop.catch(() => undefined);
        this.consumers.delete(handle);
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  async request<TReq, TRes>(subject: string, data: TReq, timeoutMs: number): Promise<TRes> {
    try {
      const reply = await this.nc.request(subject, codec.encode(data), { timeout: timeoutMs });
      return codec.decode(reply.data) as TRes;
    } catch (error) {
      const code = (error as NatsError).code;
      if (code === ErrorCode.NoResponders) throw new NoRespondersError(subject);
      if (code === ErrorCode.Timeout) throw new RequestTimeoutError(subject, timeoutMs);
      throw error;
    }
  }

  async respond<TReq, TRes>(subject: string, handler: (data: TReq) => Promise<TRes>): Promise<Responder> {
    // The queue group makes replicas share requests: each is answered once.
    const sub = this.nc.subscribe(subject, {
      queue: subject,
      callback: (error, msg) => {
        if (error) return;
        let request: TReq;
        try {
          request = codec.decode(msg.data) as TReq;
        } catch {
          msg.respond(codec.encode({ error: { code: 'invalid_request', message: 'request is not JSON' } }));
          return;
        }
        handler(request).then(
          (reply) => msg.respond(codec.encode(reply)),
          (err: unknown) =>
            msg.respond(codec.encode({ error: { code: 'handler_failed', message: err instanceof Error ? err.message : String(err) } })),
        );
      },
    });
    this.subscriptions.add(sub);
    // The server must know the subscription before this resolves: otherwise a request sent right
    // after (from another connection) can find no responder.
    await this.nc.flush();
    return {
      stop: async () => {
        this.subscriptions.delete(sub);
        await sub.drain();
      },
    };
  }

  leases(): Promise<Leases> {
    this.leasesInstance ??= NatsKvLeases.open(this.nc, this.leaseOptions);
    return this.leasesInstance;
  }

  async notify(subject: string, data: unknown): Promise<void> {
    this.nc.publish(subject, codec.encode(data));
  }

  async close(): Promise<void> {
    // Leases first: the work they guard stops, and a standby can take over without waiting
    // for the entries to expire.
    if (this.leasesInstance) await (await this.leasesInstance).releaseAll();
    for (const c of [...this.consumers]) await c.stop();
    if (!this.nc.isClosed()) await this.nc.drain();
  }

  private async ensureConsumer(
    stream: string,
    options: Pick<ConsumeOptions<unknown>, 'durable' | 'filterSubject' | 'maxAckPending'>,
  ): Promise<void> {
    const config = {
      durable_name: options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: options.filterSubject,
      ack_wait: nanos(this.ackWaitMs),
      max_ack_pending: options.maxAckPending ?? 1000,
      max_deliver: -1,
    };
    try {
      await this.jsm.consumers.info(stream, options.durable);
      await this.jsm.consumers.update(stream, options.durable, {
        ack_wait: config.ack_wait,
        max_ack_pending: config.max_ack_pending,
      });
    } catch (error) {
      if ((error as NatsError).code !== '404') throw error;
      await this.jsm.consumers.add(stream, config);
    }
  }
}

async function declareStream(jsm: JetStreamManager, spec: StreamSpec): Promise<void> {
  const config = {
    name: spec.name,
    subjects: [...spec.subjects],
    storage: StorageType.File,
    duplicate_window: nanos(spec.duplicateWindowMs ?? 120_000),
    max_age: spec.maxAgeMs ? nanos(spec.maxAgeMs) : 0,
    num_replicas: spec.replicas ?? 1,
  };
  try {
    await jsm.streams.info(spec.name);
    await jsm.streams.update(spec.name, config);
  } catch (error) {
    if ((error as NatsError).code !== '404') throw error;
    await jsm.streams.add(config);
  }
}


