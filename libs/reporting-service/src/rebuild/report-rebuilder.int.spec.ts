import { AGENT_EVENT_SCHEMA_VERSION, type AgentEvent, type CallReportRow } from '@switchboard/contracts';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import { sql } from 'kysely';
import request from 'supertest';
import { seededRandom, syntheticStream, type StreamEntry } from '../recorded-stream/synthetic-stream';
import type { ReportDb } from '../store/open-report-db';
import { LogFeeder } from '../testing/log-feeder';
import { startReportingTestApp, type ReportingTestApp } from '../testing/reporting-test-app';
import { REPORT_DB } from '../tokens';
import { ReportRebuilder } from './report-rebuilder';

const pause = () => new Promise((r) => setTimeout(r, 20));

const PHONES = ['1001', '1002', '1003'] as const;
const QUEUES = ['helpdesk', 'sales'] as const;

/**
 * Synthetic streams, days apart, with a shift change at every call: one phone's agent logs out
 * and an agent of a pool of nine logs in there (leaving without a logout the phone it was on, if
 * any, which then has nobody). The change's time is one of the call's own PBX event times, or a
 * millisecond either side, so answers fall just before, on and after logins; its events sit in
 * the stream before the call, among its events by time, or after it (a late login), while each
 * agent's own events keep their time order, as an agent's event stream does. The streams span
 * more than the 8 days the projection keeps ended sessions (phone-sessions.ts), so sessions
 * replayed out of their time would be forgotten before the calls they cover. Answers the entries
 * and the agent each answered call's row must name: whoever the sessions put on its phone then.
 */
function shiftChanges(segments: number, callsEach: number, seed: number, startMs: number): { entries: StreamEntry[]; agentOf: Map<string, string | null> } {
  const rnd = seededRandom(seed);
  const entries: StreamEntry[] = [];
  const calls: StreamEntry[][] = [];
  for (let s = 0; s < segments; s++) {
    const stream = [...syntheticStream({ calls: callsEach, seed: seed + s, startMs: startMs + s * 5 * 86_400_000, connectionId: `shifts-${s}` })];
    const firstCall = stream.findIndex((e) => e.source === 'pbx' && e.event.type === 'QueueCallerJoined');
    // The stream's own logins (agent n on phone n) once, at the start; its members every time.
    entries.push(...stream.slice(0, firstCall).filter((e) => s === 0 || e.source === 'pbx'));
    let from = firstCall;
    for (let k = firstCall + 1; k <= stream.length; k++) {
      const e = stream[k];
      if (e === undefined || (e.source === 'pbx' && e.event.type === 'QueueCallerJoined')) {
        calls.push(stream.slice(from, k));
        from = k;
      }
    }
  }
  const msOf = (e: StreamEntry) => Date.parse(e.event.metadata.occurredAt);
  // Who sat at which phone when, from the synthetic stream's own logins on.
  const sat: Array<{ phone: string; agent: string; from: number; until: number | null }> = [];
  const onPhone = new Map<string, string | null>();
  for (const e of entries) {
    if (e.source === 'agent' && e.event.type === 'AgentLoggedIn' && !onPhone.has(e.event.data.agentId)) {
      sat.push({ phone: e.event.data.agentId, agent: e.event.data.agentId, from: msOf(e), until: null });
      onPhone.set(e.event.data.agentId, e.event.data.agentId);
    }
  }
  const leave = (agent: string, at: number) => {
    const s = sat.find((x) => x.agent === agent && x.until === null);
    if (s) s.until = at;
  };
  const session = (type: 'AgentLoggedIn' | 'AgentLoggedOut', agent: string, phone: string, queue: string, at: number): StreamEntry => {
    const binding = { interface: `Local/${phone}@agent-phones/n`, stateInterface: `SIP/${phone}`, memberName: `Agent ${agent}` };
    const common = { agentId: agent, pbxId: 'pbx1', queue, via: 'desktop' as const, at: new Date(at).toISOString() };
    const data = type === 'AgentLoggedIn' ? { ...binding, ...common, paused: false } : { ...common, interface: binding.interface, reason: 'end-of-shift' };
    return { source: 'agent', position: 0, event: { type, data, metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: common.at } } as AgentEvent };
  };

  let lastChange = 0;
  for (const [i, call] of calls.entries()) {
    const pbxTimes = call.filter((e) => e.source === 'pbx').map(msOf);
    const at = Math.max(lastChange + 1, (pbxTimes[Math.floor(rnd() * pbxTimes.length)] as number) + Math.floor(rnd() * 3) - 1);
    lastChange = at;
    const phone = PHONES[i % PHONES.length] as string;
    const leaving = onPhone.get(phone) ?? null;
    let coming: string;
    do coming = `a${Math.floor(rnd() * 9)}`;
    while (coming === leaving);
    const change: StreamEntry[] = [];
    if (leaving !== null) {
      leave(leaving, at);
      for (const q of QUEUES) change.push(session('AgentLoggedOut', leaving, phone, q, at));
    }
    const before = [...onPhone.entries()].find(([, agent]) => agent === coming)?.[0];
    if (before !== undefined) {
      leave(coming, at);
      onPhone.set(before, null);
    }
    sat.push({ phone, agent: coming, from: at, until: null });
    onPhone.set(phone, coming);
    for (const q of QUEUES) change.push(session('AgentLoggedIn', coming, phone, q, at));

    const where = rnd();
    if (where < 0.25) entries.push(...change, ...call);
    else if (where < 0.5) entries.push(...call, ...change);
    else {
      const k = call.findIndex((e) => msOf(e) > at);
      entries.push(...(k === -1 ? [...call, ...change] : [...call.slice(0, k), ...change, ...call.slice(k)]));
    }
  }

  const agentOf = new Map<string, string | null>();
  for (const e of entries) {
    if (e.source !== 'pbx' || e.event.type !== 'AgentConnected') continue;
    const answered = msOf(e);
    // The member Local/<phone>@agent-phones/n answers on SIP/<phone>.
    const phone = e.event.data.interface.slice('Local/'.length).split('@')[0];
    agentOf.set(e.event.data.linkedid, sat.find((s) => s.phone === phone && s.from <= answered && (s.until === null || s.until > answered))?.agent ?? null);
  }
  return { entries, agentOf };
}

/** Rebuild from the logs on both stores, with the live consumers running (in-process bus and
 *  in-memory event store as the logs, as in the single-process mode). */
describe.each(reportStores)('rebuild on %s', (_name, openStore) => {
  let store: TestReportStore;
  let t: ReportingTestApp;
  let db: ReportDb;
  let admin: string;
  let logs: LogFeeder;

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
    logs = new LogFeeder(t);
    const all = [...syntheticStream({ calls: 80, seed: 3 })];
    // Logins first, as on a real morning: the calls that follow find the agents on their phones.
    const firstCall = all.findIndex((e) => e.source === 'pbx' && e.event.type === 'QueueCallerJoined');
    await logs.feed(all.slice(0, firstCall));
    await logs.feed(all.slice(firstCall));
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
    await logs.feed(syntheticStream({ calls: 2, seed: 9, startMs: Date.UTC(2026, 11, 1), connectionId: 'second-login' }));
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

  it('gives the live table again after hundreds of logins and logouts between the calls', async () => {
    const calls = 3 * 100;
    const { entries, agentOf } = shiftChanges(3, 100, 11, Date.UTC(2026, 10, 3, 8, 0, 0));
    await logs.feed(entries);
    const live = await rows();
    expect(live).toHaveLength(80 + calls);
    // The sessions decide the answered rows' agents (the live projection got them right) ...
    const answered = live.filter((r) => agentOf.has(r.callId));
    expect(answered.length).toBeGreaterThan(calls / 2);
    expect(answered.map((r) => [r.callId, r.agentId])).toEqual(answered.map((r) => [r.callId, agentOf.get(r.callId)]));
    expect(new Set(answered.map((r) => r.agentId)).size).toBeGreaterThanOrEqual(9);
    expect(answered.some((r) => r.agentId === null)).toBe(true);

    // ... and the rebuild, which replays the sessions between the PBX events by time, gives the same.
    await sql`update call_report set agent_id = null, user_id = phone_id`.execute(db);
    const status = await t.app.get(ReportRebuilder).run();
    expect(status).toMatchObject({ state: 'done', rows: 80 + calls, error: null });
    expect(await rows()).toEqual(live);
  }, 120_000);
});
