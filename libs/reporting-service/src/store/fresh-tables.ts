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
 * Empty copies of the projection's tables, with their keys, indexes and triggers, made from the
 * live tables' own definitions (the migrations stay the one place the schema is written).
 * Leftovers of an interrupted rebuild are dropped first. Triggers come last: their bodies name
 * other tables, which must be copied by then.
 */
export async function createNextTables(db: ReportDb): Promise<TableNames> {
  const names = nextTableNames();
  await dropNextTables(db);
  const generation = Date.now().toString(36);
  for (const [live, next] of names) {
    if (engineOf(db) === 'postgres') {
      // PostgreSQL names the copied indexes itself, never clashing with existing ones.
      await sql`create table ${sql.table(next)} (like ${sql.table(live)} including all)`.execute(db);
    } else {
      await copySqliteTable(db, live, next, generation);
    }
  }
  for (const [live, next] of names) {
    if (engineOf(db) === 'postgres') await copyPostgresTriggers(db, live, next);
    else await copySqliteTriggers(db, live, names, generation);
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
async function copySqliteTable(db: ReportDb, live: string, next: string, generation: string): Promise<void> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = ${live} and type in ('table', 'index') and sql is not null order by type desc`.execute(db);
  for (const r of rows) {
    const statement = r.sql ?? '';
    if (r.type === 'table') {
      await sql.raw(statement.replace(/^CREATE TABLE\s+("?)[\w]+\1/i, `CREATE TABLE "${next}"`)).execute(db);
    } else if (r.type === 'index') {
      const renamed = statement
        .replace(/^CREATE (UNIQUE )?INDEX\s+("?)[\w]+\2/i, (_m, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX "${generationName(r.name, generation)}"`)
        .replace(/\bON\s+("?)[\w]+\1/i, `ON "${next}"`);
      await sql.raw(renamed).execute(db);
    }
  }
}

/** A name given a generation: SQLite's index and trigger names are global to the file. */
function generationName(name: string, generation: string): string {
  return `${name.replace(/__g[0-9a-z]+$/, '')}__g${generation}`;
}

/**
 * SQLite triggers (migration 0006's counts) copied onto the rebuild's table, every projection
 * table their bodies name (call_totals) renamed to the rebuild's. Renaming the tables at the swap
 * renames them in the trigger bodies too (SQLite rewrites triggers on ALTER TABLE … RENAME).
 */
async function copySqliteTriggers(db: ReportDb, live: string, names: TableNames, generation: string): Promise<void> {
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where tbl_name = ${live} and type = 'trigger'`.execute(db);
  const tables = new RegExp(`("?)\\b(${[...names.keys()].join('|')})\\b\\1`, 'g');
  for (const r of rows) {
    const statement = r.sql
      .replace(/^CREATE TRIGGER\s+("?)[\w]+\1/i, `CREATE TRIGGER "${generationName(r.name, generation)}"`)
      .replace(tables, (_m, _q: string, table: string) => `"${names.get(table) ?? table}"`);
    await sql.raw(statement).execute(db);
  }
}

/**
 * PostgreSQL triggers copied onto the rebuild's table (LIKE … INCLUDING ALL copies none). Their
 * function finds its counts table by the name of the table fired on (migration 0006), so the
 * definition carries over as it is; trigger names are per table.
 */
async function copyPostgresTriggers(db: ReportDb, live: string, next: string): Promise<void> {
  const { rows } = await sql<{ def: string }>`
    select pg_get_triggerdef(oid) as def from pg_trigger where tgrelid = ${live}::regclass and not tgisinternal`.execute(db);
  for (const r of rows) {
    await sql.raw(r.def.replace(/ ON (\S+\.)?"?\w+"? /, ` ON "${next}" `)).execute(db);
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
