import { randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  assertAppendSize,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type AllSubscription,
} from './event-store.port';
import { fromRevisionOf } from './from-revision';
import { PollingSubscription } from './polling-subscription';

/** The event store in memory: tests and throw-away runs (`EVENTSTORE_URL=memory:`). */
export interface InMemoryEventStoreOptions {
  /** The most one append may carry (appendSizeOf), as EventStoreDB's MaxAppendSize; default: no
   *  bound. Set it to try, without a server, what a deployment on EventStoreDB would refuse. */
  readonly maxAppendBytes?: number;
}

export class InMemoryEventStore implements EventStore {
  constructor(private readonly options: InMemoryEventStoreOptions = {}) {}

  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly all: RecordedEvent[] = [];
  private readonly subscriptions = new Set<PollingSubscription>();

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    assertAppendSize(stream, events, this.options.maxAppendBytes);
    const existing = this.streams.get(stream) ?? [];
    const actual: ExpectedRevision =
      existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1);
    if (actual !== expected) throw new WrongExpectedRevisionError(stream, expected, actual);
    const recordedAt = new Date().toISOString();
    for (const e of events) {
      const recorded: RecordedEvent = {
        id: e.id ?? randomUUID(),
        streamName: stream,
        type: e.type,
        revision: BigInt(existing.length),
        position: BigInt(this.all.length + 1),
        // A JSON round trip, as a real store does: callers never share objects with the log.
        data: JSON.parse(JSON.stringify(e.data ?? null)),
        metadata: JSON.parse(JSON.stringify(e.metadata ?? {})),
        recordedAt,
      };
      existing.push(recorded);
      this.all.push(recorded);
    }
    this.streams.set(stream, existing);
    for (const s of this.subscriptions) s.wake();
    return { nextExpectedRevision: BigInt(existing.length - 1), position: BigInt(this.all.length) };
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    const from = fromRevisionOf(stream, options);
    const events = this.streams.get(stream) ?? [];
    // Revision i is at index i: a stream here is never truncated.
    return {
      events: events.slice(Number(from)),
      revision: events.length === 0 ? 'no_stream' : BigInt(events.length - 1),
    };
  }

  async subscribeToAll(options: SubscribeToAllOptions): Promise<AllSubscription> {
    const subscription = new PollingSubscription(
      (after, limit) => {
        const from = after === undefined ? 0 : Number(after);
        return this.all.slice(from, from + limit);
      },
      options,
      1000,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }
}
