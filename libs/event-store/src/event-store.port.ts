/**
 * The event-store port. Deliberately small: append with an expected revision, read one stream,
 * and follow every stream from a checkpoint. Adapters: embedded (SQLite or memory) and EventStoreDB.
 */

/** `'no_stream'`: the stream must not exist yet. Never "any": every append is a decision made
 *  against a state that was read. */
export type ExpectedRevision = bigint | 'no_stream';

export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Optional idempotency key (uuid). */
  readonly id?: string;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamName: string;
  readonly type: string;
  /** Position within its stream, from 0. */
  readonly revision: bigint;
  /** Position in the global log ($all), strictly increasing. */
  readonly position: bigint;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event written. */
  readonly nextExpectedRevision: bigint;
  readonly position: bigint;
}

export interface ReadStreamResult {
  readonly events: readonly RecordedEvent[];
  /** Revision of the last event, or 'no_stream' when the stream does not exist. */
  readonly revision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** Only the events with revision ≥ fromRevision (from 0n). The result's `revision` is still the
   *  stream's last revision, so a caller holding the state at revision r reads from r + 1 and
   *  learns whether anything happened since; nothing newer gives no events and revision r. */
  readonly fromRevision?: bigint;
}

export interface AllFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface AllSubscription {
  close(): Promise<void>;
}

export interface SubscribeToAllOptions {
  /** Deliver events strictly after this position; undefined: from the start. */
  readonly from?: bigint;
  readonly filter?: AllFilter;
  /** Called in log order, one at a time; the next event waits for the returned promise. */
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  readonly onError?: (error: Error) => void;
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  subscribeToAll(options: SubscribeToAllOptions): Promise<AllSubscription>;
  close(): Promise<void>;
}

/** Thrown by every adapter when the stream's revision is not the expected one. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'wrong_expected_revision';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ExpectedRevision,
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** EventStoreDB/KurrentDB's default MaxAppendSize: the most one append may carry. */
export const DEFAULT_MAX_APPEND_BYTES = 1_048_576;

/**
 * The size of an append as the stores count it against their bound: each event's type, data and
 * metadata in UTF-8 JSON (EventStoreDB counts the bytes of the data and metadata it is sent, and
 * the type, against MaxAppendSize).
 */
export function appendSizeOf(events: readonly NewEvent[]): number {
  let bytes = 0;
  for (const e of events)
    bytes += Buffer.byteLength(e.type) + Buffer.byteLength(JSON.stringify(e.data ?? null)) + Buffer.byteLength(JSON.stringify(e.metadata ?? {}));
  return bytes;
}

/** Thrown by every adapter when one append carries more than the store takes; nothing is written. */
export class AppendTooLargeError extends Error {
  readonly code = 'append_too_large';
  constructor(
    readonly stream: string,
    /** The store's bound, in bytes. */
    readonly maxAppendBytes: number,
  ) {
    super(`Stream ${stream}: the append is larger than the store's maximum of ${maxAppendBytes} bytes; split it`);
    this.name = 'AppendTooLargeError';
  }
}

/** Refuses an append above `maxAppendBytes` (none: no bound), as EventStoreDB does before it
 *  looks at the expected revision. */
export function assertAppendSize(stream: string, events: readonly NewEvent[], maxAppendBytes: number | undefined): void {
  if (maxAppendBytes !== undefined && appendSizeOf(events) > maxAppendBytes) throw new AppendTooLargeError(stream, maxAppendBytes);
}
