import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { sql } from 'kysely';
import request from 'supertest';
import type { ProjectionInput } from '../projection/projection-input';
import { syntheticStream } from '../recorded-stream/synthetic-stream';
import { tryRebuildLock } from '../store/rebuild-locks';
import type { ReportDb } from '../store/open-report-db';
import { startReportingTestApp, type ReportingTestApp } from '../testing/reporting-test-app';
import { REPORT_DB } from '../tokens';
import { ReportRebuilder } from './report-rebuilder';

/** Two replicas of the reporting service on one real PostgreSQL database. */
describe('rebuild across replicas on PostgreSQL (real server)', () => {
  let database: TestDatabase;
  let a: ReportingTestApp;
  let b: ReportingTestApp;

  beforeEach(async () => {
    database = await createTestDatabase();
    a = await startReportingTestApp(database.url);
    b = await startReportingTestApp(database.url);
    const inputs = [...syntheticStream({ calls: 20, seed: 4 })].map(
      (e): ProjectionInput => (e.source === 'pbx' ? { source: 'pbx', event: e.event } : { source: 'agent', event: e.event }),
    );
    await a.projection.applyBatch(inputs);
  }, 60_000);

  afterEach(async () => {
    await a.close();
    await b.close();
    await database.stop();
  });

  it('runs one rebuild at a time: the second replica is refused with 409 until the first is done', async () => {
    const admin = a.bearer({ subject: 'root', role: 'admin' });
    const post = (t: ReportingTestApp) => request(t.app.getHttpServer()).post('/api/admin/reporting/rebuild').set('authorization', admin);
    const [first, second] = await Promise.all([post(a), post(b)]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([202, 409]);
    const refused = first.status === 409 ? first : second;
    expect(refused.body).toMatchObject({ code: 'conflict' });
    expect(refused.body.message).toMatch(/already running on another replica/);

    // The winner finishes; then the lock is free and the other replica may rebuild.
    const winner = first.status === 202 ? a : b;
    const loser = winner === a ? b : a;
    let status = winner.app.get(ReportRebuilder).status();
    while (status.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      status = winner.app.get(ReportRebuilder).status();
    }
    expect(status).toMatchObject({ state: 'done', rows: 20 });
    expect(await loser.app.get(ReportRebuilder).run()).toMatchObject({ state: 'done', rows: 20 });
  }, 60_000);

  it('holds every replica’s live projection off while a rebuild swaps, and lets it go after', async () => {
    const db: ReportDb = a.app.get(REPORT_DB);
    const lock = await tryRebuildLock(db);
    if (!lock) throw new Error('the rebuild lock should be free');
    expect(await tryRebuildLock(b.app.get(REPORT_DB))).toBeUndefined();
    const late = [...syntheticStream({ calls: 1, seed: 5, startMs: Date.UTC(2026, 11, 1), connectionId: 'late' })].flatMap(
      (e): ProjectionInput[] => (e.source === 'pbx' ? [{ source: 'pbx', event: e.event }] : []),
    );
    const rowCount = async () => Number((await sql<{ n: string }>`select count(*) as n from call_report`.execute(db)).rows[0]?.n);
    let written: Promise<void> | undefined;
    await lock.withProjectionsHeld(async () => {
      written = b.projection.applyBatch(late);
      // Replica b's batch waits on the swap lock (the server says so), its row not written.
      for (;;) {
        const waiting = await sql<{ n: string }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(db);
        if (Number(waiting.rows[0]?.n) > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(await rowCount()).toBe(20);
    });
    await written;
    expect(await rowCount()).toBe(21);
    await lock.release();
    const again = await tryRebuildLock(b.app.get(REPORT_DB));
    expect(again).toBeDefined();
    await again?.release();
  }, 60_000);
});
