import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createTestDatabase } from '@switchboard/testing';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { reportMigrations } from '../store/migrations';
import type { TestReportStore } from './report-stores';

/** A report database an upgrade test opens twice (as an earlier release, then as this one). */
export interface UpgradeStore extends TestReportStore {
  readonly postgres: boolean;
}

/**
 * The two stores of the upgrade specs: an SQLite file (in memory, a second connection would see
 * another database) and a fresh database on the real PostgreSQL.
 */
export const upgradeStores: Array<[string, () => Promise<UpgradeStore>]> = [
  [
    'SQLite (embedded)',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-upgrade-'));
      return { url: `sqlite:${path.join(dir, 'report.sqlite')}`, postgres: false, stop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  ['PostgreSQL (real server)', async () => ({ ...(await createTestDatabase()), postgres: true })],
];

/** A database as an earlier release left it: migrated up to `last`, through a plain Kysely. */
export async function migratedUpTo(store: UpgradeStore, last: string): Promise<Kysely<unknown>> {
  const db = new Kysely<unknown>({
    dialect: store.postgres
      ? new PostgresDialect({ pool: new Pool({ connectionString: store.url }) })
      : new SqliteDialect({ database: new Database(store.url.slice('sqlite:'.length)) }),
  });
  const { error } = await new Migrator({ db, provider: reportMigrations }).migrateTo(last);
  if (error) {
    await db.destroy();
    throw error;
  }
  return db;
}
