import {
  AckPolicy,
  DeliverPolicy,
  ErrorCode,
  JSONCodec,
  StorageType,
  connect,
  nanos,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  type NatsError,
} from 'nats';
import {
  NoRespondersError,
  RequestTimeoutError,
  type Bus,
  type ConsumeBatchOptions,
  type ConsumeOptions,
  type Consumer,
  type ConsumerLagReading,
  type PublishOptions,
  type Responder,
} from './bus.port';
import { consoleBusLogger, type BusLogger } from './bus-logger';
import type { Leases } from './lease.port';
import { JetStreamAsyncPublisher } from './jetstream-async-publisher';
import { batchDelivery, singleDelivery, type Delivery } from './delivery';
import { ConnectionLink } from './nats-connection-link';
import { NewerSchemaGuard, type NewerSchemaMessage } from './newer-schema';
import { NatsPullConsumer, type PullSettings } from './nats-pull-consumer';
import { NatsKvLeases, type NatsKvLeasesOptions } from './nats-kv-leases';

export interface StreamSpec {
  readonly name: string;
  readonly subjects: readonly string[];
  /** JetStream drops a second publish with the same message id inside this window. */
  readonly duplicateWindowMs?: number;
  readonly maxAgeMs?: number;
  readonly replicas?: number;
  /**
   * The newest envelope schema version (`metadata.schemaVersion`) this release reads on the stream.
   * A message of a newer version is handed back to the durable after a delay, for a newer replica
   * sharing it during a rolling upgrade, instead of reaching the handler. Unset: not checked.
   */
  readonly schemaVersion?: number;
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
  /** Where poison messages and fetch failures are reported; console when not given. */
  readonly logger?: BusLogger;
  /** How long close() waits for the connection to drain before closing it anyway. */
  readonly drainTimeoutMs?: number;
  /** A consumer further behind than this is not ready; 0 or not given: no bound (the services pass
   *  READY_MAX_CONSUMER_LAG from their configuration). */
  readonly maxConsumerLag?: number;
  /** How often each consumer reads its lag from the server; 5 s when not given. */
  readonly consumerLagCheckMs?: number;
  /** How long a message of a newer schema version waits before it is delivered again; 5 s when not given. */
  readonly newerSchemaRetryMs?: number;
  /** Told of every message handed back for being of a newer schema version (a metric counts them). */
  readonly onNewerSchema?: (message: NewerSchemaMessage) => void;
  /** Told how long each successful publish took, from the call to JetStream's ack (a histogram). */
  readonly onPublished?: (seconds: number) => void;
}

const codec = JSONCodec();

const pullSettings: Omit<PullSettings, 'lag' | 'newerSchemaRetryMs'> = { batch: 256, expiresMs: 1000, retryMs: 250, maxRetryMs: 10_000 };

/**
 * The bus over NATS: JetStream for durable messages (publish with a message id, durable pull
 * consumers with explicit ack), core NATS request/reply in a queue group for PBX actions.
 */
export class NatsBus implements Bus {
  /** Open consumers, with what the lag gauge labels them by. */
  private readonly consumers = new Map<Consumer, { readonly durable: string; readonly stream: string }>();
  private readonly responders = new Set<Responder>();
  private leasesInstance: Promise<NatsKvLeases> | null = null;
  private closing: Promise<void> | null = null;
  private readonly link: ConnectionLink;
  private readonly publisher: JetStreamAsyncPublisher;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: NatsBusOptions,
  ) {
    this.link = new ConnectionLink(nc);
    this.publisher = new JetStreamAsyncPublisher(nc);
  }

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
    return new NatsBus(nc, nc.jetstream(), jsm, options);
  }

  async publish(subject: string, data: unknown, options: PublishOptions): Promise<void> {
    const started = performance.now();
    await this.publisher.publish(subject, codec.encode(data), options.msgId);
    this.options.onPublished?.((performance.now() - started) / 1000);
  }

  consume<T>(options: ConsumeOptions<T>): Promise<Consumer> {
    return this.open(singleDelivery(options));
  }

  consumeBatch<T>(options: ConsumeBatchOptions<T>): Promise<Consumer> {
    return this.open(batchDelivery(options));
  }

  private async open<T>(delivery: Delivery<T>): Promise<Consumer> {
    if (this.closing) throw new Error('bus is closed');
    const stream = await this.jsm.streams.find(delivery.filterSubject);
    await this.ensureConsumer(stream, delivery);
    const source = await this.js.consumers.get(stream, delivery.durable);
    const lag = { maxLag: this.options.maxConsumerLag ?? 0, everyMs: this.options.consumerLagCheckMs ?? 5000 };
    const settings = { ...pullSettings, lag, newerSchemaRetryMs: this.options.newerSchemaRetryMs ?? 5000 };
    const knownVersion = this.options.streams.find((s) => s.name === stream)?.schemaVersion;
    const guard = new NewerSchemaGuard(delivery.durable, stream, knownVersion, this.logger, this.options.onNewerSchema);
    const consumer = new NatsPullConsumer(source, delivery, this.link, settings, this.logger, guard);
    const handle: Consumer = {
      health: () => consumer.health(),
      stop: async () => {
        await consumer.stop();
        this.consumers.delete(handle);
      },
    };
    this.consumers.set(handle, { durable: delivery.durable, stream });
    return handle;
  }

  consumerLags(): ConsumerLagReading[] {
    const readings: ConsumerLagReading[] = [];
    for (const [consumer, { durable, stream }] of this.consumers) {
      const lag = consumer.health().lag;
      if (lag !== undefined) readings.push({ durable, stream, lag });
    }
    return readings;
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
    // Replies in progress: stop() waits for them, so a shutdown does not leave a requester
    // waiting for its timeout.
    const inFlight = new Set<Promise<void>>();
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
        const reply = handler(request).then(
          (result) => void msg.respond(codec.encode(result)),
          (err: unknown) =>
            void msg.respond(codec.encode({ error: { code: 'handler_failed', message: err instanceof Error ? err.message : String(err) } })),
        );
        const tracked = reply.catch(() => undefined).finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
      },
    });
    // The server must know the subscription before this resolves: otherwise a request sent right
    // after (from another connection) can find no responder.
    await this.nc.flush();
    const responder: Responder = {
      stop: async () => {
        this.responders.delete(responder);
        if (!sub.isClosed()) await sub.drain().catch(() => sub.unsubscribe());
        await Promise.all([...inFlight]);
      },
    };
    this.responders.add(responder);
    return responder;
  }

  leases(): Promise<Leases> {
    this.leasesInstance ??= NatsKvLeases.open(this.nc, this.options.leases ?? {});
    return this.leasesInstance;
  }

  async notify(subject: string, data: unknown): Promise<void> {
    this.nc.publish(subject, codec.encode(data));
  }

  /** See Bus.close for the order and why. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    // Leases first: the work they guard stops, and a standby can take over without waiting
    // for the entries to expire.
    if (this.leasesInstance) {
      await (await this.leasesInstance).releaseAll().catch((error: unknown) =>
        this.logger.warn(`bus close: leases not released (${String(error)}); they expire on their own`),
      );
    }
    await Promise.all([...this.consumers.keys()].map((c) => c.stop()));
    await Promise.all([...this.responders].map((r) => r.stop()));
    this.link.stop();
    // Publishes already sent get their acknowledgements before the reply subscription goes.
    await this.publisher.settled(this.options.drainTimeoutMs ?? 5000);
    this.publisher.close();
    if (this.nc.isClosed()) return;
    // Drain flushes the acks and replies still buffered. It waits for the server, which may be
    // gone: past the timeout the connection is closed without it (the unacked are redelivered).
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), this.options.drainTimeoutMs ?? 5000)));
    const outcome = await Promise.race([this.nc.drain().then(() => 'drained' as const, () => 'failed' as const), timedOut]);
    clearTimeout(timer);
    if (outcome !== 'drained' && !this.nc.isClosed()) {
      this.logger.warn(`bus close: connection not drained (${outcome}); closing it`);
      await this.nc.close();
    }
  }

  private get logger(): BusLogger {
    return this.options.logger ?? consoleBusLogger;
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
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
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
    const current = (await jsm.streams.info(spec.name)).config;
    // Updated only when it differs: every replica of every service declares the stream at start,
    // and an update of a replicated stream is a round of its consensus for nothing.
    const same =
      current.subjects.join(',') === config.subjects.join(',') &&
      current.duplicate_window === config.duplicate_window &&
      current.max_age === config.max_age &&
      current.num_replicas === config.num_replicas;
    if (!same) await jsm.streams.update(spec.name, config);
  } catch (error) {
    if ((error as NatsError).code !== '404') throw error;
    await jsm.streams.add(config);
  }
}


