import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  WrongExpectedRevisionError,
  assertAppendSize,
  type AllSubscription,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from './event-store.port';
import { fromRevisionOf } from './from-revision';
import { GroupCommit, type BatchOutcome } from './group-commit';
import { PollingSubscription } from './polling-subscription';

export interface SqliteEventStoreOptions {
  /** A file, or ':memory:'. */
  readonly path: string;
  /** How often subscriptions look for events appended by another process sharing the file. */
  readonly pollMs?: number;
  /**
   * SQLite's `synchronous` in WAL mode. 'normal' (default, what this store has always run with): a
   * committed append survives the process crashing, not necessarily the machine losing power;
   * no sync per commit. 'full': the WAL is synced at every commit (one sync per group commit), so
   * an acknowledged append survives a power cut too, at the disk's sync latency per batch.
   */
  readonly synchronous?: 'normal' | 'full';
  /** The most one append may carry (appendSizeOf), as EventStoreDB's MaxAppendSize; default: no
   *  bound. Set it to try, without a server, what a deployment on EventStoreDB would refuse. */
  readonly maxAppendBytes?: number;
}

interface Row {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** An append as the group commit carries it: data and metadata already serialised. */
interface AppendRequest {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly rows: readonly (readonly [id: string, type: string, data: string, metadata: string])[];
}

type WriteBatch = Database.Transaction<
  (requests: readonly AppendRequest[], recordedAt: string) => BatchOutcome<AppendResult>[]
>;
type ShortRead = Database.Transaction<(stream: string, start: bigint) => ReadStreamResult>;

export interface SqliteCommitStats {
  /** Transactions committed (with synchronous FULL, one sync to disk each). */
  readonly transactions: number;
  /** Appends they carried, refused ones included. */
  readonly appends: number;
}

/**
 * The embedded event store of the single-process mode: one SQLite table, the global position
 * an autoincrement key, (stream, revision) unique.
 *
 * Appends are group-committed (GroupCommit): those made during one turn of the event loop share
 * one immediate transaction, each checking its expected revision under its own SAVEPOINT, so a
 * conflicting append fails alone and the others commit; an append's promise settles only after
 * the transaction committed. Two writers (even two processes on one file) can never both win.
 *
 * Durability: `synchronous` is set explicitly (options.synchronous). Left unset it reads back as
 * FULL, yet the SQLite inside better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a
 * WAL connection runs as NORMAL (strace: 21 syncs for 5,000 commits). NORMAL stays the default, as
 * it was in effect; FULL is one sync per batch here, not per append.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pollMs: number;
  private readonly insert: Database.Statement;
  private readonly currentRevision: Database.Statement;
  private readonly readAll: Database.Statement;
  private readonly readFrom: Database.Statement;
  private readonly writeBatch: WriteBatch;
  private readonly readShort: ShortRead;
  private readonly group: GroupCommit<AppendRequest, AppendResult>;
  private readonly stats = { transactions: 0, appends: 0 };
  private readonly maxAppendBytes: number | undefined;

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.path);
    this.pollMs = options.pollMs ?? 50;
    this.maxAppendBytes = options.maxAppendBytes;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL,
        stream TEXT NOT NULL,
        revision INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (stream, revision)
      )`);
    this.insert = this.db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.currentRevision = this.db.prepare(
      'SELECT MAX(revision) AS r FROM events WHERE stream = ?',
    );
    this.readFrom = this.db.prepare(
      'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision',
    );
    this.readAll = this.db.prepare(
      'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    this.writeBatch = this.batchTransaction();
    this.readShort = this.shortReadTransaction();
    this.group = new GroupCommit((requests) => this.commitBatch(requests));
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    assertAppendSize(stream, events, this.maxAppendBytes);
    // Serialised in the caller's turn: data JSON cannot hold fails this append, not its batch.
    const rows = events.map(
      (e) =>
        [
          e.id ?? randomUUID(),
          e.type,
          JSON.stringify(e.data ?? null),
          JSON.stringify(e.metadata ?? {}),
        ] as const,
    );
    return this.group.submit({ stream, expected, rows });
  }

  /** How many transactions the appends took so far: the group commit's effect, for tests and
   *  benchmarks. */
  commitStats(): SqliteCommitStats {
    return { ...this.stats };
  }

  private commitBatch(requests: readonly AppendRequest[]): BatchOutcome<AppendResult>[] {
    const recordedAt = new Date().toISOString();
    const outcomes = this.writeBatch.immediate(requests, recordedAt);
    this.stats.transactions++;
    this.stats.appends += requests.length;
    for (const s of this.subscriptions) s.wake();
    return outcomes;
  }

  /** One append, checked against the stream's revision as it stands inside the transaction. */
  private appendOne(request: AppendRequest, recordedAt: string): AppendResult {
    const row = this.currentRevision.get(request.stream) as { r: number | null };
    const actual: ExpectedRevision = row.r === null ? 'no_stream' : BigInt(row.r);
    if (actual !== request.expected)
      throw new WrongExpectedRevisionError(request.stream, request.expected, actual);
    let revision = row.r === null ? -1 : row.r;
    let position = 0n;
    for (const [id, type, data, metadata] of request.rows) {
      revision++;
      const info = this.insert.run(id, request.stream, revision, type, data, metadata, recordedAt);
      position = BigInt(info.lastInsertRowid);
    }
    return { nextExpectedRevision: BigInt(revision), position };
  }

  /** One transaction for the batch; each append inside it a nested transaction, which
   *  better-sqlite3 runs as a SAVEPOINT and rolls back alone when the append throws. */
  private batchTransaction(): WriteBatch {
    const savepoint = this.db.transaction((request: AppendRequest, recordedAt: string) =>
      this.appendOne(request, recordedAt),
    );
    return this.db.transaction((requests: readonly AppendRequest[], recordedAt: string) =>
      requests.map((request): BatchOutcome<AppendResult> => {
        try {
          return { ok: true, value: savepoint(request, recordedAt) };
        } catch (error) {
          // An I/O error, a full disk or a busy timeout can make SQLite roll the whole
          // transaction back: then nothing of the batch stands and the batch fails as one
          // (going on would commit the rest one by one, outside any transaction).
          if (!this.db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    const from = fromRevisionOf(stream, options);
    // From a later revision, one event early: that event, when the stream has it, gives the
    // stream's last revision even when nothing is newer, in the same statement (one snapshot).
    const start = from === 0n ? 0n : from - 1n;
    const rows = this.readFrom.all(stream, start) as Row[];
    if (rows.length > 0)
      return {
        events: rows.filter((r) => BigInt(r.revision) >= from).map(toRecorded),
        revision: BigInt((rows[rows.length - 1] as Row).revision),
      };
    if (start === 0n) return { events: [], revision: 'no_stream' };
    return this.readShort.deferred(stream, start);
  }

  /** A stream that ends before `start`, or does not exist: its last revision, read in one read
   *  transaction with a second look at the range, since another process may append meanwhile. */
  private shortReadTransaction(): ShortRead {
    return this.db.transaction((stream: string, start: bigint): ReadStreamResult => {
      const rows = this.readFrom.all(stream, start) as Row[];
      const row = this.currentRevision.get(stream) as { r: number | null };
      return {
        events: rows.filter((r) => BigInt(r.revision) > start).map(toRecorded),
        revision: row.r === null ? 'no_stream' : BigInt(row.r),
      };
    });
  }

  async subscribeToAll(options: SubscribeToAllOptions): Promise<AllSubscription> {
    const subscription = new PollingSubscription(
      (after, limit) => (this.readAll.all(Number(after ?? 0n), limit) as Row[]).map(toRecorded),
      options,
      this.pollMs,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    // Appends already accepted are committed, not dropped, before the file is closed.
    this.group.flush();
    this.db.close();
  }
}

function toRecorded(row: Row): RecordedEvent {
  return {
    id: row.id,
    streamName: row.stream,
    type: row.type,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
  };
}
