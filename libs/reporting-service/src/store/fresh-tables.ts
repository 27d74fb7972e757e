import { sql } from 'kysely';
import { engineOf, type ReportDb } from './open-report-db';
import { PROJECTION_TABLES } from './schema';

/** Suffix of the tables a rebuild fills before they replace the live ones. */
const NEXT = '__next';

export type TableNames = ReadonlyMap<string, string>;

/** live name → the rebuild's name, for RenameTablesPlugin. */
export function nextTableNames(): TableNames {
  return new Map(PROJECTION_TABLES.map((t) => [t, `${t}${NEXT}`]));
}

/**
 * Empty copies of the projection's tables, with their keys and indexes, made from the live
 * tables' own definitions (the migrations stay the one place the schema is written). Leftovers
 * of an interrupted rebuild are dropped first.
 */
export async function createNextTables(db: ReportDb): Promise<TableNames> {
  const names = nextTableNames();
  await dropNextTables(db);
  for (const [live, next] of names) {
    if (engineOf(db) === 'postgres') {
      // PostgreSQL names the copied indexes itself, never clashing with existing ones.
      await sql`create table ${sql.table(next)} (like ${sql.table(live)} including all)`.execute(db);
    } else {
      await copySqliteTable(db, live, next);
    }
  }
  return names;
}

export async function dropNextTables(db: ReportDb): Promise<void> {
  for (const next of nextTableNames().values()) await sql`drop table if exists ${sql.table(next)}`.execute(db);
}

/**
 * SQLite has no CREATE TABLE … LIKE: its catalogue keeps each table's and index's CREATE
 * statement, re-run here under the new names. Index names are global in a SQLite file, so each
 * copy gets a generation suffix (`__g<n>`) that the next rebuild replaces.
 */
async function copySqliteTable(db: ReportDb, live: string, next: string): Promise<void> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = ${live} and sql is not null order by type desc`.execute(db);
  const generation = Date.now().toString(36);
  for (const r of rows) {
    const statement = r.sql ?? '';
    if (r.type === 'table') {
      await sql.raw(statement.replace(/^CREATE TABLE\s+("?)[\w]+\1/i, `CREATE TABLE "${next}"`)).execute(db);
    } else if (r.type === 'index') {
      const base = r.name.replace(/__g[0-9a-z]+$/, '');
      const renamed = statement
        .replace(/^CREATE (UNIQUE )?INDEX\s+("?)[\w]+\2/i, (_m, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX "${base}__g${generation}"`)
        .replace(/\bON\s+("?)[\w]+\1/i, `ON "${next}"`);
      await sql.raw(renamed).execute(db);
    }
  }
}

/**
 * Replaces the live tables by the rebuilt ones in one transaction: readers see the old table
 * until the commit and the new one after it, never a mix or nothing.
 */
export async function swapInNextTables(db: ReportDb): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [live, next] of nextTableNames()) {
      await sql`drop table ${sql.table(live)}`.execute(trx);
      await sql`alter table ${sql.table(next)} rename to ${sql.table(live)}`.execute(trx);
    }
  });
}
