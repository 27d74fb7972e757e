import { createTestDatabase } from '@switchboard/testing';

/** A report database for one test: its URL, and how to drop it. */
export interface TestReportStore {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The two stores every reporting integration spec runs on (describe.each): the embedded SQLite
 * in memory and a fresh database on the real PostgreSQL, so one query layer is proven on both.
 */
export const reportStores: Array<[string, () => Promise<TestReportStore>]> = [
  ['SQLite (embedded)', async () => ({ url: 'sqlite::memory:', stop: async () => undefined })],
  ['PostgreSQL (real server)', () => createTestDatabase()],
];
