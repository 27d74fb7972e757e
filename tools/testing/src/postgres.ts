import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, uniqueName } from './free-port';

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

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Debian's server binaries, newest version first. */
function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, 'bin')).find((d) => fs.existsSync(path.join(d, 'initdb')));
}

/**
 * When no server answers but PostgreSQL is installed: a private server for one test database,
 * with its own data directory and port, trust auth on 127.0.0.1, stopped with the database.
 * initdb refuses to run as root, so it runs as the postgres user the package creates.
 */
async function startPrivateServer(): Promise<{ url: string; stop(): void }> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not reachable and not installed: apt-get install postgresql, or set TEST_POSTGRES_URL');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { stdio: 'ignore' })
      : execFileSync(path.join(bin, tool), args, { stdio: 'ignore' });
  const port = await freePort();
  run('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres']);
  run('pg_ctl', ['-D', path.join(dir, 'data'), '-w', '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database on a real PostgreSQL server for one test suite, dropped afterwards, so tests
 * never share tables and leave nothing behind.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  let serverUrl = postgresServerUrl();
  const privateServer = !process.env['TEST_POSTGRES_URL'] && !(await reachable(serverUrl)) ? await startPrivateServer() : null;
  if (privateServer) serverUrl = privateServer.url;
  const admin = new Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable (${(error as Error).message}); start it, or set TEST_POSTGRES_URL`);
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
      privateServer?.stop();
    },
  };
}
