import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { decodeJournal } from '../store/journal-codec';
import { openReportDb } from '../store/open-report-db';

/**
 * Kill test: the projection runs as a child process over a recorded stream (calls with
 * dispositions, both logs) and is killed with SIGKILL at random points, restarted each time,
 * until it finishes; the final table must equal a clean run's, row for row.
 *
 * 25 kills in `npm test` (about 30 s on 2 cores: each restart pays ts-node's start-up);
 * KILL_TEST_KILLS=100 for the full hundred of the issue (the stream grows with the count).
 */
const KILLS = Number(process.env['KILL_TEST_KILLS'] ?? 25);
// A run is killed after at most 3 acks, so the stream (≈ 7.35 events per call, 40 per batch)
// holds more than 3 batches per kill: the child cannot finish before the last kill.
const CALLS = KILLS * 20;
const SEED = 11;
const BATCH = 40;
const root = path.resolve(__dirname, '../../../..');
const child = path.resolve(__dirname, '../testing/projector-child.ts');

/** Runs the child; kills it with SIGKILL after `killAfterBatches` acks (never, if undefined). */
function runChild(url: string, ackFile: string, killAfterBatches?: number): Promise<'done' | 'killed'> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', child, url, ackFile, String(CALLS), String(SEED), String(BATCH)], {
      cwd: root,
      env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.base.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let batches = 0;
    let done = false;
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line === 'done') done = true;
        if (line === 'batch' && ++batches === killAfterBatches) {
          // A little later still, so some kills land inside the next transaction, some
          // between its commit and its ack.
          setTimeout(() => p.kill('SIGKILL'), Math.floor(Math.random() * 4));
        }
      }
    });
    p.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(done ? 'done' : 'killed');
      else if (code === 0) resolve('done');
      else reject(new Error(`projector child failed (${code}): ${stderr}`));
    });
  });
}

async function dump(url: string): Promise<unknown> {
  const db = await openReportDb(url);
  try {
    const rows = await sql`select * from call_report order by call_id, queue`.execute(db);
    const dispositions = await sql`select * from call_dispositions_kept order by call_id, pbx_id, agent_id`.execute(db);
    const journal = await sql<{ events: Uint8Array }>`select events from pbx_event_journal order by id`.execute(db);
    // A batch redelivered after a kill is journaled again; what counts is that no event is missing.
    const journaled = new Set(journal.rows.flatMap((r) => decodeJournal(r.events).map((e) => JSON.stringify(e))));
    return { rows: rows.rows, dispositions: dispositions.rows, journal: [...journaled].sort() };
  } finally {
    await db.destroy();
  }
}

describe('projection killed at random points (SIGKILL) over a recorded stream', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kill-test-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`ends with the table of a clean run after ${KILLS} kills`, async () => {
    const cleanUrl = `sqlite:${path.join(dir, 'clean.sqlite')}`;
    expect(await runChild(cleanUrl, path.join(dir, 'clean.ack'))).toBe('done');
    const clean = (await dump(cleanUrl)) as { rows: unknown[] };
    expect(clean.rows).toHaveLength(CALLS);

    const url = `sqlite:${path.join(dir, 'killed.sqlite')}`;
    const ack = path.join(dir, 'killed.ack');
    let kills = 0;
    for (;;) {
      // Early kills come often enough to land before the first commit, too.
      const outcome = await runChild(url, ack, kills < KILLS ? 1 + Math.floor(Math.random() * 3) : undefined);
      if (outcome === 'done') break;
      kills++;
    }
    expect(kills).toBe(KILLS);
    expect(await dump(url)).toEqual(clean);
  }, 60_000 + KILLS * 3_000);
});
