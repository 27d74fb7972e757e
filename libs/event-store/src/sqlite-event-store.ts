import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  WrongExpectedRevisionError,
  type AllSubscription,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadStreamResult,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from './event-store.port';
import { PollingSubscription } from './polling-subscription';

export interface SqliteEventStoreOptions {
  /** A file, or ':memory:'. */
  readonly path: string;
  /** How often subscriptions look for events appended by another process sharing the file. */
  readonly pollMs?: number;
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

/**
 * The embedded event store of the single-process mode: one SQLite table, the global position
 * an autoincrement key, (stream, revision) unique. Appends check the expected revision inside an
 * immediate transaction, so two writers (even two processes on one file) can never both win.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pollMs: number;
  private readonly insert: Database.Statement;
  private readonly currentRevision: Database.Statement;
  private readonly readAll: Database.Statement;
  private readonly readOne: Database.Statement;

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.path);
    this.pollMs = options.pollMs ?? 50;
    this.db.pragma('journal_mode = WAL');
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
    this.currentRevision = this.db.prepare('SELECT MAX(revision) AS r FROM events WHERE stream = ?');
    this.readOne = this.db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision');
    this.readAll = this.db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  }

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const write = this.db.transaction((): AppendResult => {
      const row = this.currentRevision.get(stream) as { r: number | null };
      const actual: ExpectedRevision = row.r === null ? 'no_stream' : BigInt(row.r);
      if (actual !== expected) throw new WrongExpectedRevisionError(stream, expected, actual);
      let revision = row.r === null ? -1 : row.r;
      let position = 0n;
      const recordedAt = new Date().toISOString();
      for (const e of events) {
        revision++;
        const info = this.insert.run(
          e.id ?? randomUUID(),
          stream,
          revision,
          e.type,
          JSON.stringify(e.data ?? null),
          JSON.stringify(e.metadata ?? {}),
          recordedAt,
        );
        position = BigInt(info.lastInsertRowid);
      }
      return { nextExpectedRevision: BigInt(revision), position };
    });
    const result = write.immediate();
    for (const s of this.subscriptions) s.wake();
    return result;
  }

  async readStream(stream: string): Promise<ReadStreamResult> {
    const events = (this.readOne.all(stream) as Row[]).map(toRecorded);
    return { events, revision: events.length === 0 ? 'no_stream' : events[events.length - 1].revision };
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
