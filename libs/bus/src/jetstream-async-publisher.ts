import { createInbox, headers, type Msg, type NatsConnection, type NatsError, type Subscription } from 'nats';

/** What JetStream answers to a publish: the stored sequence, or an error (wrong subject, limits …). */
interface PubAckReply {
  readonly stream?: string;
  readonly seq?: number;
  readonly duplicate?: boolean;
  readonly error?: { readonly code?: number; readonly description?: string };
}

const decoder = new TextDecoder();

interface Pending {
  readonly subject: string;
  readonly deadline: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** JetStream refused or never answered a publish; the caller retries with the same message id. */
export class JetStreamPublishError extends Error {
  constructor(
    readonly subject: string,
    message: string,
  ) {
    super(`JetStream publish to ${subject}: ${message}`);
    this.name = 'JetStreamPublishError';
  }
}

/**
 * JetStream publishes acknowledged asynchronously over one reply subscription, the way the Go
 * client's PublishAsync works. nats.js's `js.publish` makes each publish a request of its own
 * (a reply subscription entry, a timer and a promise chain per message), which capped the gateway
 * near 15,000 acked events/s here; a core publish with a reply subject under one inbox and one
 * sweeping timer measured about 4× that on the same server (docs/benchmarks.md).
 *
 * Semantics are those of `js.publish`: the promise resolves once the stream stored the message
 * (or recognised its Nats-Msg-Id as a duplicate) and rejects on a JetStream error, on "no
 * responders" (no stream takes the subject) and after `timeoutMs` without an answer — e.g. the
 * connection dropped after the bytes left. A rejected publish may still have been stored: retry
 * with the same message id and the duplicate window makes that harmless.
 */
export class JetStreamAsyncPublisher {
  private readonly prefix = createInbox();
  private readonly pending = new Map<string, Pending>();
  private readonly subscription: Subscription;
  private readonly sweeper: NodeJS.Timeout;
  private next = 0;
  private closed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = 5000,
  ) {
    this.subscription = nc.subscribe(`${this.prefix}.*`, { callback: (error, msg) => this.onReply(error, msg) });
    // One timer for every publish in flight, not one each.
    this.sweeper = setInterval(() => this.expire(Date.now()), Math.max(50, Math.floor(timeoutMs / 5)));
    this.sweeper.unref();
  }

  /** Publishes awaiting their acknowledgement. */
  get inFlight(): number {
    return this.pending.size;
  }

  publish(subject: string, data: Uint8Array, msgId?: string): Promise<void> {
    if (this.closed) return Promise.reject(new JetStreamPublishError(subject, 'the bus is closed'));
    const token = (this.next++).toString(36);
    const promise = new Promise<void>((resolve, reject) => {
      this.pending.set(token, { subject, deadline: Date.now() + this.timeoutMs, resolve, reject });
    });
    const options: { reply: string; headers?: ReturnType<typeof headers> } = { reply: `${this.prefix}.${token}` };
    if (msgId !== undefined) {
      const h = headers();
      h.set('Nats-Msg-Id', msgId);
      options.headers = h;
    }
    try {
      this.nc.publish(subject, data, options);
    } catch (error) {
      // The connection is closed or draining: nothing was sent.
      this.settle(token, new JetStreamPublishError(subject, (error as Error).message));
    }
    return promise;
  }

  /** Resolves when nothing awaits an acknowledgement any more, or after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }

  /** Rejects what is still waiting and stops listening; the connection itself is the caller's. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const [token, entry] of this.pending) this.settle(token, new JetStreamPublishError(entry.subject, 'the bus closed before JetStream answered'));
    this.subscription.unsubscribe();
  }

  private onReply(error: NatsError | null, msg: Msg): void {
    const token = msg?.subject.slice(this.prefix.length + 1);
    const entry = token === undefined ? undefined : this.pending.get(token);
    if (!entry || token === undefined) return; // answered after its timeout: already rejected
    if (error) return this.settle(token, new JetStreamPublishError(entry.subject, error.message));
    if (msg.headers?.hasError) {
      const why = msg.headers.code === 503 ? 'no stream takes this subject (no responders)' : `${msg.headers.code} ${msg.headers.description}`;
      return this.settle(token, new JetStreamPublishError(entry.subject, why));
    }
    let ack: PubAckReply;
    try {
      ack = JSON.parse(decoder.decode(msg.data)) as PubAckReply;
    } catch {
      return this.settle(token, new JetStreamPublishError(entry.subject, 'unreadable acknowledgement'));
    }
    if (ack.error) return this.settle(token, new JetStreamPublishError(entry.subject, `${ack.error.code ?? ''} ${ack.error.description ?? 'error'}`.trim()));
    if (typeof ack.seq !== 'number') return this.settle(token, new JetStreamPublishError(entry.subject, 'acknowledgement without a sequence'));
    this.settle(token);
  }

  private expire(now: number): void {
    // Entries are in publish order with one timeout, so the first one not yet due ends the sweep.
    for (const [token, entry] of this.pending) {
      if (entry.deadline > now) return;
      this.settle(token, new JetStreamPublishError(entry.subject, `no acknowledgement within ${this.timeoutMs} ms`));
    }
  }

  private settle(token: string, error?: Error): void {
    const entry = this.pending.get(token);
    if (!entry) return;
    this.pending.delete(token);
    if (error) entry.reject(error);
    else entry.resolve();
  }
}
