import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared; the projection and the API use a few dozen. */
const MAX_STATEMENTS = 500;

/**
 * better-sqlite3 behind Kysely, with prepared statements reused by SQL text. Kysely prepares
 * every query afresh, and preparing costs about as much as running a small statement: the
 * projection's batches repeat the same few statements thousands of times. Safe because a
 * connection runs one statement at a time and nothing here iterates a statement lazily.
 */
export function withStatementCache(database: Database.Database, beforeClose?: () => void): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      // beforeClose runs on the open connection (a last checkpoint can still use it).
      beforeClose?.();
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        statement = database.prepare(sql) as unknown as SqliteStatement;
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
