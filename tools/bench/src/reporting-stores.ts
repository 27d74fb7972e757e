import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@switchboard/testing';

/** A report database for one benchmark run: an embedded SQLite file, or a fresh database on the
 *  local PostgreSQL (dropped afterwards). */
export interface BenchStore {
  readonly name: 'SQLite (embedded)' | 'PostgreSQL';
  readonly url: string;
  stop(): Promise<void>;
}

export function sqliteStore(): BenchStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  return {
    name: 'SQLite (embedded)',
    url: `sqlite:${path.join(dir, 'report.sqlite')}`,
    stop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function postgresStore(): Promise<BenchStore> {
  const db = await createTestDatabase();
  return { name: 'PostgreSQL', url: db.url, stop: () => db.stop() };
}
