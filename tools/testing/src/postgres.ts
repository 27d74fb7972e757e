import { Client } from 'pg';
import { uniqueName } from './free-port';

export interface TestDatabase {
  /** postgres://… of a database that exists only for this test. */
  readonly url: string;
  stop(): Promise<void>;
}

/** The PostgreSQL server tests use: TEST_POSTGRES_URL, or the local one (.ci/run installs and
 *  starts it when missing, with this password; trust auth ignores it). */
export function postgresServerUrl(): string {
  return process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
}

/**
 * A fresh database on a real PostgreSQL server for one test suite, dropped afterwards, so tests
 * never share tables and leave nothing behind.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = postgresServerUrl();
  const admin = new Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable (${(error as Error).message}); start it, or set TEST_POSTGRES_URL (.ci/run installs postgresql when missing)`,
    );
  }
  const name = uniqueName('sb').toLowerCase();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
