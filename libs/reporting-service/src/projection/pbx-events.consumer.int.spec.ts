import { NatsBus } from '@switchboard/bus';
import { subjects, type PbxEvent } from '@switchboard/contracts';
import { jetStreamTopologyFor } from '@switchboard/platform';
import { startNatsServer, type TestNatsServer } from '@switchboard/testing';
import { sql } from 'kysely';
import request from 'supertest';
import { syntheticStream } from '../recorded-stream/synthetic-stream';
import { openReportDb, type ReportDb } from '../store/open-report-db';
import { startReportingTestApp, type ReportingTestApp } from '../testing/reporting-test-app';
import { REPORT_DB } from '../tokens';
import { CallReportProjection } from './call-report.projection';

/**
 * The live projection on a real nats-server: PBX events are applied in batches pulled together,
 * one transaction each, and the table ends as if every event had been applied one by one, through
 * a poison message and a failed transaction.
 */

const CALLS = 60;

/** The stream's PBX events only: without logins and dispositions the rows do not depend on how
 *  the two logs interleave, so batching is the only difference from the reference. */
const events = (): PbxEvent[] =>
  [...syntheticStream({ calls: CALLS, seed: 5 })].flatMap((e) => (e.source === 'pbx' ? [e.event] : []));

async function tableOf(db: ReportDb): Promise<unknown> {
  const rows = await sql`select call_id, queue, row_json from call_report order by call_id, queue`.execute(db);
  const counts = await sql`select key, calls from call_totals order by key`.execute(db);
  return { rows: rows.rows, counts: (counts.rows as Array<Record<string, unknown>>).map((c) => ({ ...c, calls: Number(c['calls']) })) };
}

/** The rows' keys, for runs where a redelivery may apply events out of order (same rows, other
 *  order of application). */
async function rowKeysOf(db: ReportDb): Promise<unknown[]> {
  return (await sql<{ k: string }>`select call_id || '/' || queue as k from call_report order by 1`.execute(db)).rows;
}

/** The rows' keys the same events make applied one at a time. */
async function referenceRowKeys(all: readonly PbxEvent[]): Promise<unknown[]> {
  const db = await openReportDb('sqlite::memory:');
  try {
    const projection = new CallReportProjection(db);
    for (const e of all) await projection.applyPbxEvent(e);
    return await rowKeysOf(db);
  } finally {
    await db.destroy();
  }
}

/** The table the same events make applied one at a time, as the consumer did before batches. */
async function referenceTable(all: readonly PbxEvent[]): Promise<unknown> {
  const db = await openReportDb('sqlite::memory:');
  try {
    const projection = new CallReportProjection(db);
    for (const e of all) await projection.applyPbxEvent(e);
    return await tableOf(db);
  } finally {
    await db.destroy();
  }
}

async function appliedTotal(t: ReportingTestApp): Promise<number> {
  const text = (await request(t.app.getHttpServer()).get('/metrics').expect(200)).text;
  return [...text.matchAll(/^switchboard_projection_pbx_events_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PBX events consumer over NATS JetStream', () => {
  let server: TestNatsServer;
  let publisher: NatsBus;
  let t: ReportingTestApp;
  const all = events();

  beforeEach(async () => {
    // Private: the PBX_EVENTS stream and the reporting durable are this test's alone.
    server = await startNatsServer({ private: true });
    publisher = await NatsBus.connect({ servers: server.url, name: 'pbx', streams: jetStreamTopologyFor(1) });
  });

  afterEach(async () => {
    await t?.close();
    await publisher.close();
    await server.stop();
  });

  const publishAll = async (list: readonly PbxEvent[]) => {
    for (const e of list) await publisher.publish(subjects.pbxEvent(e.metadata.pbxId, e.type), e, { msgId: `${e.metadata.connectionId}:${e.metadata.seq}` });
  };

  const start = async () => {
    const bus = await NatsBus.connect({ servers: server.url, name: 'reporting', streams: jetStreamTopologyFor(1) });
    t = await startReportingTestApp('sqlite::memory:', bus);
    return t.app.get<ReportDb>(REPORT_DB);
  };

  it('catches up a backlog in batches, one transaction each, with the table of one-by-one and a poison message dropped alone', async () => {
    const half = Math.floor(all.length / 2);
    await publishAll(all.slice(0, half));
    await publisher.publish(subjects.pbxEvent('pbx1', 'Hangup'), { type: 'Hangup', data: {}, metadata: { schemaVersion: 0 } }, { msgId: 'poison' });
    await publishAll(all.slice(half));
    const db = await start();

    await waitFor(async () => (await appliedTotal(t)) >= all.length, 'every event applied');
    expect(await appliedTotal(t)).toBe(all.length);
    expect(await tableOf(db)).toEqual(await referenceTable(all));
    // Pulled together, committed together: each transaction journals its events as one row, and
    // there are far fewer rows than events.
    const journal = await sql<{ batches: number | string }>`select count(*) as batches from pbx_event_journal`.execute(db);
    expect(Number(journal.rows[0]?.batches)).toBeGreaterThan(0);
    expect(Number(journal.rows[0]?.batches)).toBeLessThan(all.length / 4);
    const metrics = (await request(t.app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^switchboard_projection_poison_total\{[^}]*\} 1$/m);
    expect(metrics).toMatch(/^switchboard_consumer_lag_messages\{[^}]*consumer="reporting"[^}]*\} \d+$/m);
  }, 60_000);

  it('splits a failed transaction: nothing lost, nothing applied twice, order kept', async () => {
    await publishAll(all);
    // The database fails once, on the first batch of the backlog; installed before the service
    // starts, since it starts consuming at once.
    const failOnce = jest
      .spyOn(CallReportProjection.prototype, 'applyBatch')
      .mockImplementationOnce(() => Promise.reject(new Error('database away')));
    try {
      const db = await start();
      await waitFor(async () => (await appliedTotal(t)) >= all.length, 'every event applied');
      expect(failOnce).toHaveBeenCalled();
      expect(await appliedTotal(t)).toBe(all.length);
      expect(await tableOf(db)).toEqual(await referenceTable(all));
    } finally {
      failOnce.mockRestore();
    }
  }, 60_000);

  it('retries a batch whole when the database is unavailable, without splitting it', async () => {
    await publishAll(all);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const spy = jest.spyOn(CallReportProjection.prototype, 'applyBatch').mockImplementationOnce(() => Promise.reject(refused));
    // The bus says on console.warn when it splits a failed batch.
    const warnings = jest.spyOn(console, 'warn');
    try {
      const db = await start();
      await waitFor(async () => (await appliedTotal(t)) >= all.length, 'every event applied');
      expect(spy.mock.calls[0]?.[0].length).toBeGreaterThan(1);
      expect(warnings.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('trying its halves'))).toEqual([]);
      expect(await appliedTotal(t)).toBe(all.length);
      // Redelivered after a delay, the batch may come back after later events: compare the rows'
      // set and the counts (the reducer's order independence is the property test's matter).
      expect(await rowKeysOf(db)).toEqual(await referenceRowKeys(all));
      expect(((await tableOf(db)) as { counts: unknown }).counts).toEqual([{ key: 'all', calls: CALLS }]);
    } finally {
      spy.mockRestore();
      warnings.mockRestore();
    }
  }, 60_000);

  it('redelivers a lone event whose transaction failed, later, and applies it once', async () => {
    const db = await start();
    jest.spyOn(t.projection, 'applyBatch').mockImplementationOnce(() => Promise.reject(new Error('database away')));
    // One event at a time, so the failure hits a batch of one: nakked, redelivered after a delay
    // (JetStream hands later events over meanwhile, so only the rows' set is compared here).
    await publishAll(all);
    await waitFor(async () => (await appliedTotal(t)) >= all.length, 'every event applied');
    expect(await appliedTotal(t)).toBe(all.length);
    expect(await rowKeysOf(db)).toEqual(await referenceRowKeys(all));
    expect((await tableOf(db) as { counts: unknown }).counts).toEqual([{ key: 'all', calls: CALLS }]);
  }, 60_000);
});
