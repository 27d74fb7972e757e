import type { Bus } from '@switchboard/bus';

interface Item {
  readonly subject: string;
  readonly data: unknown;
  readonly msgId: string;
}

/**
 * Publishes one PBX's events strictly in AMI order: one publish at a time, each retried (with
 * the same message id, so JetStream drops a duplicate) until the bus stores it. Nothing is
 * dropped while the bus is away; the queue simply grows and `backlog` says by how much.
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
    while (this.queue.length > 0) {
      const item = this.queue[0];
      for (let attempt = 1; ; attempt++) {
        try {
          await this.bus.publish(item.subject, item.data, { msgId: item.msgId });
          break;
        } catch (error) {
          this.failures++;
          this.onError(error, attempt);
          await new Promise((r) => setTimeout(r, Math.min(this.retryDelayMs * attempt, 5000)));
        }
      }
      this.queue.shift();
      this.published++;
    }
    this.running = false;
    this.markIdle();
  }
}
