import type { Bus } from '@switchboard/bus';

interface Item {
  readonly subject: string;
  readonly data: unknown;
  readonly msgId: string;
}

/**
 * Publishes one PBX's events in AMI order without waiting a round trip per event: up to `window`
 * publishes are in flight at once. NATS keeps the order of one connection's publishes, so the
 * stream stores them in order. When a publish fails, everything from the first failure on is
 * published again, in order, after a pause; what had been stored already is dropped by
 * JetStream's duplicate window (same message id). Nothing is lost while the bus is away: the
 * queue grows and `backlog` says by how much. The one case that can reorder is a publish that
 * fails while a later one in the same window succeeded; consumers see it by `metadata.seq`.
 */
export class OrderedPublisher {
  private readonly queue: Item[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  published = 0;
  failures = 0;

  constructor(
    private readonly bus: Bus,
    private readonly onError: (error: unknown, attempt: number) => void,
    private readonly retryDelayMs = 500,
    private readonly window = 256,
    /** Called after each batch with the remaining backlog (the gateway resumes reading). */
    private readonly onProgress: (backlog: number) => void = () => undefined,
  ) {}

  get backlog(): number {
    return this.queue.length;
  }

  enqueue(subject: string, data: unknown, msgId: string): void {
    this.queue.push({ subject, data, msgId });
    if (!this.running) void this.run();
  }

  /** Resolves once everything enqueued so far is stored. */
  drained(): Promise<void> {
    return this.running ? this.idle : Promise.resolve();
  }

  private async run(): Promise<void> {
    this.running = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    let attempt = 0;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.window);
      const results = await Promise.allSettled(
        batch.map((item) => this.bus.publish(item.subject, item.data, { msgId: item.msgId })),
      );
      const firstFailure = results.findIndex((r) => r.status === 'rejected');
      const stored = firstFailure < 0 ? batch.length : firstFailure;
      this.queue.splice(0, stored);
      this.published += stored;
      this.onProgress(this.queue.length);
      if (firstFailure >= 0) {
        attempt++;
        this.failures++;
        this.onError((results[firstFailure] as PromiseRejectedResult).reason, attempt);
        await new Promise((r) => setTimeout(r, Math.min(this.retryDelayMs * attempt, 5000)));
      } else {
        attempt = 0;
      }
    }
    this.running = false;
    this.markIdle();
  }
}
