import {
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { AllSubscription, RecordedEvent, SubscribeToAllOptions } from './event-store.port';
import { keep, serverFilter } from './esdb-filter';
import { toRecordedEvent } from './esdb-event-mapping';

export interface EsdbRetryOptions {
  /** First pause after a failed handler or a dropped subscription; doubles per consecutive
   *  failure up to maxRetryMs. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

/**
 * Follows $all through the client's catch-up subscription (one gRPC read: history, then live).
 *
 * Events are pulled one at a time (`for await`): the next is read only once the handler's promise
 * settled, and the client's stream applies back-pressure meanwhile. A failed handler is told to
 * onError and gets the same event again after a growing pause, in place: nothing is skipped. A
 * failed or ended read is told to onError too, and the subscription is opened again after the
 * last event handed over (or skipped by the filter).
 *
 * Server checkpoints are not used to move that position: they arrive ahead of events still
 * buffered in the stream, so resuming from one could skip those.
 */
export class EsdbAllSubscription implements AllSubscription {
  private position: bigint | undefined;
  private closed = false;
  private current: AllStreamSubscription | undefined;
  private wakeUp: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeToAllOptions,
    private readonly retry: EsdbRetryOptions,
    private readonly onClose: (s: EsdbAllSubscription) => void,
  ) {
    this.position = options.from;
    // Started on a later tick: the caller holds the subscription before the first onEvent.
    this.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run());
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.wakeUp?.();
      this.stopReading();
    }
    await this.done;
    this.onClose(this);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      // Our position is ESDB's commit position; a single node reports prepare = commit for
      // ordinary appends, and the server resumes strictly after it.
      const from = this.position;
      const subscription = this.client.subscribeToAll({
        fromPosition: from === undefined ? START : { commit: from, prepare: from },
        filter: serverFilter(this.options.filter),
      });
      this.current = subscription;
      try {
        for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
          if (this.closed) break;
          const event = toRecordedEvent(resolved);
          if (keep(event, this.options.filter) && !(await this.deliver(event))) break;
          this.position = event.position;
          failures = 0;
        }
        if (!this.closed) throw new Error('EventStoreDB ended the $all subscription');
      } catch (error) {
        if (this.closed) break;
        this.report(error);
        await this.pause(this.retryDelay(++failures));
      } finally {
        this.stopReading();
      }
    }
  }

  /** Hands one event over until the handler accepts it; false if closed meanwhile. */
  private async deliver(event: RecordedEvent): Promise<boolean> {
    for (let failures = 1; ; failures++) {
      try {
        await this.options.onEvent(event);
        return true;
      } catch (error) {
        this.report(error);
        await this.pause(this.retryDelay(failures));
        if (this.closed) return false;
      }
    }
  }

  /** Cancels the gRPC call (the server stops sending) and ends the stream on our side, which a
   *  cancelled call does not do by itself: a pending `for await` then returns. */
  private stopReading(): void {
    const subscription = this.current;
    if (!subscription) return;
    this.current = undefined;
    subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // A failing error callback must not stop the subscription.
    }
  }

  private retryDelay(failures: number): number {
    const first = this.retry.retryMs ?? 100;
    return Math.min(first * 2 ** (failures - 1), this.retry.maxRetryMs ?? 5000);
  }

  /** Waits out a retry delay; close cuts it short. */
  private pause(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wakeUp = finish;
    });
  }
}
