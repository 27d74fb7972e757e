import { sql } from 'kysely';
import { engineOf, type ReportDb, type ReportEngine } from './open-report-db';
import { PROJECTION_TABLES, SQLITE_SEARCH_TABLE } from './schema';

/** Suffix of the tables a rebuild fills before they replace the live ones. */
const NEXT = '__next';

export type TableNames = ReadonlyMap<string, string>;

/** live name → the rebuild's name, for RenameTablesPlugin: the projection's tables, and on
 *  SQLite the search index that triggers on call_report keep (right after it). */
export function nextTableNames(engine: ReportEngine): TableNames {
  const tables = PROJECTION_TABLES.flatMap((t): string[] => (engine === 'sqlite' && t === 'call_report' ? [t, SQLITE_SEARCH_TABLE] : [t]));
  return new Map(tables.map((t) => [t, `${t}${NEXT}`]));
}

/**
 * Empty copies of the projection's tables, with their keys, indexes and triggers, made from the
 * live tables' own definitions (the migrations stay the one place the schema is written).
 * Leftovers of an interrupted rebuild are dropped first. Triggers come last: their bodies name
 * other tables, which must be copied by then.
 */
export async function createNextTables(db: ReportDb): Promise<TableNames> {
  const names = nextTableNames(engineOf(db));
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
  for (const next of nextTableNames(engineOf(db)).values()) await sql`drop table if exists ${sql.table(next)}`.execute(db);
}

/**
 * SQLite has no CREATE TABLE … LIKE: its catalogue keeps each table's and index's CREATE
 * statement, re-run here under the new names. Index names are global in a SQLite file, so each
 * copy gets a generation suffix (`__g<n>`) that the next rebuild replaces. A virtual table (the
 * search index, FTS5) is created the same way, and creates its own shadow tables
 * (`<name>_data`, …), which its drop and rename take along.
 */
async function copySqliteTable(db: ReportDb, live: string, next: string, generation: string): Promise<void> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = ${live} and type in ('table', 'index') and sql is not null order by type desc`.execute(db);
  for (const r of rows) {
    const statement = r.sql ?? '';
    if (r.type === 'table') {
      await sql.raw(statement.replace(/^CREATE (VIRTUAL )?TABLE\s+("?)[\w]+\2/i, (_m, virtual: string | undefined) => `CREATE ${virtual ?? ''}TABLE "${next}"`)).execute(db);
      if (/^CREATE VIRTUAL TABLE/i.test(statement)) await copyFts5Settings(db, live, next);
    } else if (r.type === 'index') {
      const renamed = statement
        .replace(/^CREATE (UNIQUE )?INDEX\s+("?)[\w]+\2/i, (_m, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX "${generationName(r.name, generation)}"`)
        .replace(/\bON\s+("?)[\w]+\1/i, `ON "${next}"`);
      await sql.raw(renamed).execute(db);
    }
  }
}

/**
 * FTS5 keeps the settings given after its creation (the search index's automerge, migration
 * 0012) in its `<name>_config` table, not in its CREATE statement: set again on the copy, through
 * FTS5's own command.
 */
async function copyFts5Settings(db: ReportDb, live: string, next: string): Promise<void> {
  const { rows: shadow } = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${`${live}_config`}`.execute(db);
  if (Number(shadow[0]?.n ?? 0) === 0) return;
  const { rows } = await sql<{ k: string; v: unknown }>`select k, v from ${sql.table(`${live}_config`)} where k <> 'version'`.execute(db);
  for (const { k, v } of rows) {
    // A number inlined: bound from JavaScript it would be a REAL, which FTS5 refuses here.
    const value = typeof v === 'number' ? sql.lit(v) : sql`${v}`;
    await sql`insert into ${sql.table(next)} (${sql.ref(next)}, rank) values (${k}, ${value})`.execute(db);
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
    for (const [live, next] of nextTableNames(engineOf(db))) {
      await sql`drop table ${sql.table(live)}`.execute(trx);
      await sql`alter table ${sql.table(next)} rename to ${sql.table(live)}`.execute(trx);
    }
  });
}
