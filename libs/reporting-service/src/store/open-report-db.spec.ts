import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CallReportProjection } from '../projection/call-report.projection';
import { batchesOf } from '../recorded-stream/projection-inputs';
import { syntheticStream } from '../recorded-stream/synthetic-stream';
import { openReportDb } from './open-report-db';

/** The size of a file, or undefined when it is not there. */
const sizeOf = (file: string): number | undefined => (fs.existsSync(file) ? fs.statSync(file).size : undefined);

describe('openReportDb on an SQLite file: closing', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-db-close-'));
    file = path.join(dir, 'report.sqlite');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function projectCalls(calls: number): Promise<void> {
    const db = await openReportDb(`sqlite:${file}`);
    const projection = new CallReportProjection(db);
    for (const batch of batchesOf(syntheticStream({ calls, seed: 3 }), 200)) await projection.applyBatch(batch.inputs, batch.checkpoints);
    // Written and committed: the pages sit in the WAL until a checkpoint copies them back.
    expect(sizeOf(`${file}-wal`)).toBeGreaterThan(0);
    // Long enough for the checkpointer worker to have opened its own connection to the file.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await db.destroy();
  }

  it('leaves no WAL behind once destroyed, with every row in the database file', async () => {
    await projectCalls(300);

    // Gone the moment destroy() returns: the checkpointer's connection was closed first, so the
    // writer's was the last and SQLite checkpointed the WAL into the file and deleted it.
    expect(sizeOf(`${file}-wal`)).toBeUndefined();
    expect(sizeOf(`${file}-shm`)).toBeUndefined();

    const reopened = await openReportDb(`sqlite:${file}`);
    try {
      const { count } = await reopened.selectFrom('call_report').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      expect(Number(count)).toBe(300);
    } finally {
      await reopened.destroy();
    }
    expect(sizeOf(`${file}-wal`)).toBeUndefined();
  });

  it('leaves no WAL behind when destroyed right after opening (checkpointer not started yet)', async () => {
    const db = await openReportDb(`sqlite:${file}`);
    await db.destroy();
    expect(sizeOf(`${file}-wal`)).toBeUndefined();
    expect(sizeOf(file)).toBeGreaterThan(0);
  });
});
