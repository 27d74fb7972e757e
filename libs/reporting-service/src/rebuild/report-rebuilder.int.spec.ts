import { subjects, type CallReportRow } from '@switchboard/contracts';
import type { ExpectedRevision } from '@switchboard/event-store';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import { sql } from 'kysely';
import request from 'supertest';
import { CHECKPOINTS } from '../projection/projection-input';
import { syntheticStream, type StreamEntry } from '../recorded-stream/synthetic-stream';
import type { ReportDb } from '../store/open-report-db';
import { startReportingTestApp, type ReportingTestApp } from '../testing/reporting-test-app';
import { REPORT_DB } from '../tokens';
import { ReportRebuilder } from './report-rebuilder';

const pause = () => new Promise((r) => setTimeout(r, 20));

/** Rebuild from the logs on both stores, with the live consumers running (in-process bus and
 *  in-memory event store as the logs, as in the single-process mode). */
describe.each(reportStores)('rebuild on %s', (_name, openStore) => {
  let store: TestReportStore;
  let t: ReportingTestApp;
  let db: ReportDb;
  let admin: string;
  const revisions = new Map<string, ExpectedRevision>();
  let publishedSeq = 0;
  let agentPosition: bigint | undefined;

  async function feed(entries: Iterable<StreamEntry>): Promise<void> {
    for (const entry of entries) {
      if (entry.source === 'pbx') {
        const e = entry.event;
        await t.bus.publish(subjects.pbxEvent(e.metadata.pbxId, e.type), e, { msgId: `${e.metadata.connectionId}:${e.metadata.seq}` });
        publishedSeq++;
      } else {
        const stream = `agent-${entry.event.data.agentId}`;
        const r = await t.store.append(stream, [{ type: entry.event.type, data: entry.event.data, metadata: entry.event.metadata }], revisions.get(stream) ?? 'no_stream');
        revisions.set(stream, r.nextExpectedRevision);
        agentPosition = r.position;
      }
    }
    await caughtUp();
  }

  /** Until the live projection has committed everything fed so far (its checkpoints say so). */
  async function caughtUp(): Promise<void> {
    const live = t.projection;
    for (;;) {
      const pbx = Number((await live.checkpoint(CHECKPOINTS.pbxEvents)) ?? 0);
      const agent = await live.checkpoint(CHECKPOINTS.agentEvents);
      if (pbx >= publishedSeq && (agentPosition === undefined || (agent !== undefined && BigInt(agent) >= agentPosition))) return;
      await pause();
    }
  }

  /** The counts the projection maintains, and the same counted from the table: always equal. */
  const counts = async () => {
    const kept = await sql<{ key: string; calls: number | string }>`select key, calls from call_totals order by key`.execute(db);
    const counted = await sql<{ key: string; calls: number | string }>`
      select 'all' as key, count(*) as calls from call_report
      union all select 'agent:' || user_id, count(*) from call_report where attribution = 'agent' group by user_id
      order by key`.execute(db);
    const plain = (r: { rows: Array<{ key: string; calls: number | string }> }) => r.rows.map((c) => ({ key: c.key, calls: Number(c.calls) })).filter((c) => c.calls > 0);
    return { kept: plain(kept), counted: plain(counted) };
  };

  const rows = async (): Promise<CallReportRow[]> =>
    (await request(t.app.getHttpServer()).get('/api/calls?limit=1000').set('authorization', admin).expect(200)).body.items;

  beforeEach(async () => {
    store = await openStore();
    t = await startReportingTestApp(store.url);
    db = t.app.get(REPORT_DB);
    admin = t.bearer({ subject: 'root', role: 'admin' });
    revisions.clear();
    publishedSeq = 0;
    agentPosition = undefined;
    const all = [...syntheticStream({ calls: 80, seed: 3 })];
    // Logins first, as on a real morning: the calls that follow find the agents on their phones.
    const firstCall = all.findIndex((e) => e.source === 'pbx' && e.event.type === 'QueueCallerJoined');
    await feed(all.slice(0, firstCall));
    await feed(all.slice(firstCall));
  }, 60_000);

  afterEach(async () => {
    await t.close();
    await store.stop();
  });

  it('rebuilds a damaged table from the logs; the old table serves until the swap', async () => {
    const before = await rows();
    expect(before).toHaveLength(80);
    await sql`delete from call_report where outcome = 'abandoned'`.execute(db);
    await sql`update call_report set outcome = 'waiting', agent_id = null`.execute(db);
    const damaged = await rows();

    const rebuilder = t.app.get(ReportRebuilder);
    const http = () => request(t.app.getHttpServer());
    const status = await rebuilder.run({
      beforeSwap: async () => {
        // Everything is rebuilt; the live table still answers, and still the damaged one.
        expect(await rows()).toEqual(damaged);
        const progress = await http().get('/api/admin/reporting/rebuild').set('authorization', admin).expect(200);
        expect(progress.body).toMatchObject({ state: 'running', phase: 'swapping', pbxEventsApplied: progress.body.pbxEventsTotal });
        const second = await http().post('/api/admin/reporting/rebuild').set('authorization', admin).expect(409);
        expect(second.body).toMatchObject({ code: 'conflict' });
      },
    });
    expect(status).toMatchObject({ state: 'done', rows: 80, error: null });
    expect(await rows()).toEqual(before);
    // The damage bypassed the projection; the rebuilt counts are the table's again.
    const rebuilt = await counts();
    expect(rebuilt.kept).toEqual(rebuilt.counted);
    expect(rebuilt.kept).toContainEqual({ key: 'all', calls: 80 });

    // The live projection goes on writing into the swapped-in table, and counting.
    await feed(syntheticStream({ calls: 2, seed: 9, startMs: Date.UTC(2026, 11, 1), connectionId: 'second-login' }));
    expect(await rows()).toHaveLength(82);
    const after = await counts();
    expect(after.kept).toEqual(after.counted);
  }, 60_000);

  it('runs through the admin routes, admins only, with progress until done', async () => {
    const before = await rows();
    await sql`delete from call_report`.execute(db);
    const http = () => request(t.app.getHttpServer());
    await http().post('/api/admin/reporting/rebuild').set('authorization', t.bearer({ subject: 'sup', role: 'supervisor' })).expect(403);
    const started = await http().post('/api/admin/reporting/rebuild').set('authorization', admin).expect(202);
    expect(started.body).toMatchObject({ state: 'running' });
    let status = started.body as { state: string };
    while (status.state === 'running') {
      await pause();
      status = (await http().get('/api/admin/reporting/rebuild').set('authorization', admin).expect(200)).body;
    }
    expect(status).toMatchObject({ state: 'done', rows: 80 });
    expect(await rows()).toEqual(before);
  }, 60_000);

  it('gives the same table as projecting the whole stream once, with a rebuild of a rebuild', async () => {
    const before = await rows();
    const indexes = async () => {
      const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.raw(
        store.url.startsWith('sqlite') ? "sqlite_master where type = 'index' and tbl_name = 'call_report'" : "pg_indexes where tablename = 'call_report'",
      )}`.execute(db);
      return Number(r.rows[0]?.n);
    };
    const migrated = await indexes();
    expect(migrated).toBeGreaterThanOrEqual(8);
    const rebuilder = t.app.get(ReportRebuilder);
    await rebuilder.run();
    await rebuilder.run();
    expect(await rows()).toEqual(before);
    // The swapped-in table keeps the indexes of the migrated one, rebuild after rebuild.
    expect(await indexes()).toBe(migrated);
  }, 60_000);
});
