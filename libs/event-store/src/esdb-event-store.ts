import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  MaxAppendSizeExceededError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  WrongExpectedRevisionError,
  AppendTooLargeError,
  type AllSubscription,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadStreamOptions,
  type ReadStreamResult,
  type SubscribeToAllOptions,
} from './event-store.port';
import { toEventData, toRecordedEvent } from './esdb-event-mapping';
import { fromRevisionOf } from './from-revision';
import { EsdbAllSubscription, type EsdbRetryOptions } from './esdb-subscription';

export type EventStoreDbEventStoreOptions = EsdbRetryOptions;

/** The connection string with any `user:password@` masked, for messages and logs. */
export const redactConnectionString = (url: string): string =>
  url.replace(/\/\/[^@/?#]*@/, '//***@');

/**
 * The event store on EventStoreDB / KurrentDB, through the official gRPC client.
 *
 * - append: always with an explicit expectation, `NO_STREAM` or the revision that was read (the
 *   port has no "any"); the client's WrongExpectedVersionError becomes WrongExpectedRevisionError
 *   with the server's actual revision.
 * - readStream: the stream forwards, whole or from a revision; a missing stream is `no_stream`,
 *   not an error.
 * - subscribeToAll: see EsdbAllSubscription and serverFilter; positions are commit positions.
 *
 * The store owns its client: close() stops the subscriptions, then disposes of the client.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbAllSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {}

  /** From `esdb://[user:password@]host:port[,host:port…]?tls=…`; credentials never appear in errors. */
  static fromUrl(url: string, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(url);
    } catch (error) {
      // The client's parse error quotes the whole string, password included: not passed on.
      const reason = error instanceof Error ? error.name : 'error';
      throw new Error(
        `Invalid EventStoreDB connection string (${reason}): ${redactConnectionString(url)}`,
      );
    }
    return new EventStoreDbEventStore(client, options);
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    // Guarded at run time too: a JavaScript caller must not be able to send "any".
    if (expected !== 'no_stream' && (typeof expected !== 'bigint' || expected < 0n)) {
      throw new TypeError(
        `append to ${stream}: expected revision must be 'no_stream' or a revision, got ${String(expected)}`,
      );
    }
    // An empty append decides nothing, and EventStoreDB gives no position for it.
    if (events.length === 0) throw new RangeError(`append to ${stream}: no events`);
    const data = events.map(toEventData);
    let result;
    try {
      result = await this.client.appendToStream(stream, data, {
        expectedRevision: expected === 'no_stream' ? NO_STREAM : expected,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        throw new WrongExpectedRevisionError(stream, expected, error.actualVersion);
      if (error instanceof MaxAppendSizeExceededError)
        throw new AppendTooLargeError(stream, error.maxAppendSize);
      throw error;
    }
    // Only with throwOnAppendFailure=false in the connection string: the same conflict, reported.
    // The actual revision is read back: on the BatchAppend path (current servers) client 6.2.1
    // returns BigInt(hasCurrentStreamRevision()), i.e. 1n or -1n, instead of the revision.
    if (!result.success)
      throw new WrongExpectedRevisionError(stream, expected, await this.currentRevision(stream));
    if (!result.position) throw new Error(`append to ${stream}: EventStoreDB returned no position`);
    return { nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    const from = fromRevisionOf(stream, options);
    // From a later revision, the read starts one event early: that event (when the stream has it)
    // says the stream's last revision even when nothing is newer, without a second round trip.
    const start = from === 0n ? 0n : from - 1n;
    const resolved: ResolvedEvent[] = [];
    try {
      // Nothing in the loop can throw: leaving a read before its end would leave it open.
      for await (const event of this.client.readStream(stream, {
        fromRevision: start === 0n ? START : start,
        direction: FORWARDS,
      }))
        resolved.push(event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { events: [], revision: 'no_stream' };
      throw error;
    }
    const read = resolved.map(toRecordedEvent);
    if (read.length === 0)
      // Nothing at or after `start`: an empty stream from 0, or one that ends before `start`.
      return {
        events: [],
        revision: start === 0n ? 'no_stream' : await this.currentRevision(stream),
      };
    return {
      events: read.filter((e) => e.revision >= from),
      revision: read[read.length - 1].revision,
    };
  }

  /** The revision of the stream's last event, by a one-event backwards read. */
  private async currentRevision(stream: string): Promise<ExpectedRevision> {
    let revision: ExpectedRevision = 'no_stream';
    try {
      // Read to the end rather than returning from inside the loop: a read left unconsumed never
      // finishes, and the client's dispose() would wait for it forever.
      for await (const resolved of this.client.readStream(stream, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        if (resolved.event) revision = resolved.event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return revision;
  }

  async subscribeToAll(options: SubscribeToAllOptions): Promise<AllSubscription> {
    const subscription = new EsdbAllSubscription(this.client, options, this.options, (s) =>
      this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }
}
