import type { AllFilter, AllSubscription, RecordedEvent, SubscribeToAllOptions } from './event-store.port';

export type FetchAfter = (position: bigint | undefined, limit: number) => RecordedEvent[];

export function matchesFilter(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.streamName.startsWith(p))) return false;
  if (filter.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

/**
 * Follows the global log of an embedded store: reads a batch after the last delivered position,
 * hands events over one at a time (each awaited), then waits for a wake-up (an append in this
 * process) or the poll interval (an append by another process sharing the file).
 */
export class PollingSubscription implements AllSubscription {
  private position: bigint | undefined;
  private closed = false;
  private wakeUp: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly fetchAfter: FetchAfter,
    private readonly options: SubscribeToAllOptions,
    private readonly pollMs: number,
    private readonly onClose: (s: PollingSubscription) => void,
  ) {
    this.position = options.from;
    this.done = this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    await this.done;
    this.onClose(this);
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      let batch: RecordedEvent[];
      try {
        batch = this.fetchAfter(this.position, 500);
      } catch (error) {
        this.options.onError?.(error as Error);
        await this.sleep();
        continue;
      }
      for (const event of batch) {
        if (this.closed) return;
        if (matchesFilter(event, this.options.filter)) {
          try {
            await this.options.onEvent(event);
          } catch (error) {
            // The handler failed: stop here and retry the same event after a pause, so nothing
            // is skipped.
            this.options.onError?.(error as Error);
            await this.sleep();
            break;
          }
        }
        this.position = event.position;
      }
      if (batch.length < 500) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = () => {
        if (this.timer) clearTimeout(this.timer);
        this.wakeUp = null;
        resolve();
      };
      this.timer = setTimeout(() => this.wakeUp?.(), this.pollMs);
    });
  }
}
