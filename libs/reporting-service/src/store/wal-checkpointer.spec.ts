import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startWalCheckpointer } from './wal-checkpointer';

describe('startWalCheckpointer', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-checkpointer-'));
    file = path.join(dir, 'db.sqlite');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('checkpoints the WAL while running, and has closed its connection when stop() returns', async () => {
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    // Only the worker checkpoints here, so what it copies is what the test sees.
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table t (n integer primary key, v text)');
    const insert = writer.prepare('insert into t (v) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run('x'.repeat(100));
    })();
    const checkpointer = startWalCheckpointer(file);
    try {
      // The rows copied from the WAL into the database file by the worker's ticks (every 500 ms).
      await waitFor(() => fs.statSync(file).size > 500_000);
    } finally {
      checkpointer.stop();
    }
    expect(fs.existsSync(`${file}-wal`)).toBe(true);

    // No turn of the event loop between stop() and the close: had the worker's connection still
    // been open, this one would not be the last, and SQLite would leave the WAL and the -shm.
    writer.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.existsSync(`${file}-shm`)).toBe(false);

    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('select count(*) as n from t').get()).toEqual({ n: 5000 });
    reader.close();
  });

  it('stop() also returns when the worker is stopped before it has started', () => {
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table t (n integer primary key)');
    const start = Date.now();
    startWalCheckpointer(file).stop();
    expect(Date.now() - start).toBeLessThan(5000);
    writer.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
