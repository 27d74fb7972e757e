import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { reportMigrations } from './migrations';
import { withStatementCache } from './statement-cache';
import { startWalCheckpointer } from './wal-checkpointer';
import type { ReportDatabase } from './schema';

export type ReportDb = Kysely<ReportDatabase>;
export type ReportEngine = 'sqlite' | 'postgres';

/** The engine behind a report database, for the few statements that differ (locks, DDL). */
export function engineOf(db: ReportDb): ReportEngine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Opens the report database named by DATABASE_URL — `sqlite:<file>` (embedded, single process)
 * or `postgres://…` (production) — and brings its schema up to date.
 */
export async function openReportDb(url: string): Promise<ReportDb> {
  const db = new Kysely<ReportDatabase>({ dialect: dialectFor(url) });
  const { error, results } = await new Migrator({ db, provider: reportMigrations }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Report database migration ${failed} failed: ${(error as Error).message}`);
  }
  return db;
}

function dialectFor(url: string) {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const database = new Database(file);
    // WAL lets the query API read while the projection writes.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // The projection's upserts fire the count triggers, so SQLite keeps a statement journal to
    // undo a statement half done: in a temporary file by default, which took a million small
    // writes per 20,000 rows. In memory it is a copy of the pages the statement touches.
    database.pragma('temp_store = MEMORY');
    // A batch dirties about 400 pages (the row, 14 indexes' insertion points): the default
    // 2 MiB cache spilled them mid-transaction and reread index pages for every batch.
    database.pragma('cache_size = -65536');
    // A checkpoint every 1,000 WAL pages (the default) ran after nearly every batch, in the
    // batch's commit, copying the same hot index pages back and syncing twice each time. A
    // worker thread checkpoints instead (wal-checkpointer.ts); this connection does it only
    // every 20,000 pages (80 MB of WAL), if the worker falls behind. Durability is unchanged:
    // synchronous=NORMAL in WAL mode.
    database.pragma('wal_autocheckpoint = 20000');
    if (file === ':memory:') return new SqliteDialect({ database: withStatementCache(database) });
    const checkpointer = startWalCheckpointer(path.resolve(file));
    const beforeClose = () => {
      // The worker's connection first, so that this one is the last: SQLite then checkpoints the
      // WAL into the file and deletes it on close. The TRUNCATE checkpoint before that empties
      // the WAL even where the close cannot delete it (another process has the file open).
      checkpointer.stop();
      try {
        database.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy: the close still checkpoints what it can; the next open recovers from the WAL.
      }
    };
    return new SqliteDialect({ database: withStatementCache(database, beforeClose) });
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new Pool({ connectionString: url, max: 10 });
    // An idle connection the server closes (restart, failover, a dropped database) is reported
    // here; unheard, it would crash the process. The pool replaces it on the next query.
    pool.on('error', (error) => console.warn(`report database: idle connection lost: ${error.message}`));
    return new PostgresDialect({ pool });
  }
  throw new Error('DATABASE_URL: unsupported scheme (expected sqlite:<file> or postgres://…)');
}
