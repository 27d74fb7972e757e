import type { CallReportRow } from '@switchboard/contracts';
import { AGENT_EVENT_SCHEMA_VERSION, PBX_EVENT_SCHEMA_VERSION } from '@switchboard/contracts';
import request from 'supertest';
import { batchesOf } from '../recorded-stream/projection-inputs';
import { syntheticStream } from '../recorded-stream/synthetic-stream';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import { agentAggregatesSchema, callPageSchema, queueAggregatesSchema, rebuildStatusSchema } from './report-responses';
import { startReportingTestApp, type ReportingTestApp } from '../testing/reporting-test-app';

const CALLS = 120;

/** GET /api/calls and friends over real HTTP (Fastify + supertest) on both report stores. */
describe.each(reportStores)('calls API on %s', (_name, openStore) => {
  let store: TestReportStore;
  let t: ReportingTestApp;
  let supervisor: string;
  let all: CallReportRow[];

  const get = (path: string, auth = supervisor) => request(t.app.getHttpServer()).get(path).set('authorization', auth);

  beforeAll(async () => {
    store = await openStore();
    t = await startReportingTestApp(store.url);
    supervisor = t.bearer({ subject: 'sup', role: 'supervisor' });
    for (const batch of batchesOf(syntheticStream({ calls: CALLS, seed: 7 }), 250)) {
      await t.projection.applyBatch(batch.inputs, batch.checkpoints);
    }
    // A caller name a spreadsheet would run as a formula.
    const caller = { channel: 'SIP/trunk-x', uniqueid: '1799999999.1', linkedid: '1799999999.1', callerIdNum: '0700000000', callerIdName: '=HYPERLINK("x")' };
    await t.projection.applyPbxEvent({
      type: 'QueueCallerJoined',
      data: { ...caller, queue: 'sales', position: 1, count: 1 },
      metadata: { schemaVersion: PBX_EVENT_SCHEMA_VERSION, pbxId: 'pbx1', connectionId: 'x', seq: 1, occurredAt: '2026-12-31T00:00:00.000Z' },
    });
    const res = await get('/api/calls?limit=1000').expect(200);
    all = res.body.items as CallReportRow[];
  });

  afterAll(async () => {
    await t.close();
    await store.stop();
  });

  it('lists every row, newest first, with total and filtered counts', async () => {
    const res = await get('/api/calls?limit=1000').expect(200);
    expect(res.body.total).toBe(CALLS + 1);
    expect(res.body.filtered).toBe(CALLS + 1);
    expect(res.body.count).toBe('exact');
    expect(all).toHaveLength(CALLS + 1);
    const entered = all.map((r) => r.enteredAt ?? '');
    expect(entered).toEqual([...entered].sort().reverse());
    expect(new Set(all.map((r) => r.outcome))).toEqual(new Set(['answered', 'transferred', 'abandoned', 'timeout', 'waiting']));
  });

  const some = <T>(pick: (r: CallReportRow) => T) => pick(all.find((r) => pick(r) !== null && pick(r) !== '') as CallReportRow);
  const cases: Array<[string, () => string, (r: CallReportRow) => boolean]> = [
    ['queue', () => 'queue=sales', (r) => r.queue === 'sales'],
    ['agentId', () => 'agentId=1002', (r) => r.agentId === '1002'],
    ['phoneId', () => 'phoneId=SIP/1003', (r) => r.phoneId === 'SIP/1003'],
    ['userId', () => 'userId=1001', (r) => r.userId === '1001'],
    ['outcome', () => 'outcome=timeout', (r) => r.outcome === 'timeout'],
    ['attribution', () => 'attribution=phone', (r) => r.attribution === 'phone'],
    ['callerNumber prefix', () => `callerNumber=${some((r) => r.callerNumber).slice(0, 4)}`, (r) => r.callerNumber.startsWith(some((x) => x.callerNumber).slice(0, 4))],
    ['search, any case', () => 'search=CUSTOMER%2011', (r) => r.callerName.toLowerCase().includes('customer 11')],
    ['search with a LIKE wildcard taken literally', () => 'search=%25', () => false],
    ['from/until', () => `from=${encodeURIComponent(all[80]?.enteredAt ?? '')}&until=${encodeURIComponent(all[20]?.enteredAt ?? '')}`, (r) => r.enteredAt !== null && r.enteredAt >= (all[80]?.enteredAt ?? '') && r.enteredAt < (all[20]?.enteredAt ?? '')],
    ['several at once', () => 'queue=helpdesk&outcome=answered&attribution=agent', (r) => r.queue === 'helpdesk' && r.outcome === 'answered' && r.attribution === 'agent'],
  ];

  it.each(cases)('filters by %s: exactly the matching rows, in order', async (_filter, query, matches) => {
    const res = await get(`/api/calls?limit=1000&${query()}`).expect(200);
    const expected = all.filter(matches);
    expect(res.body.items).toEqual(expected);
    expect(res.body.filtered).toBe(expected.length);
    expect(res.body.total).toBe(CALLS + 1);
  });

  // Pages smaller than the matches: the counts are really counted (a page that is not full would
  // tell them for free).
  it.each(cases)('counts the matches of %s exactly with count=exact, and by default on a small table', async (_filter, query, matches) => {
    const expected = all.filter(matches);
    const exact = await get(`/api/calls?limit=2&count=exact&${query()}`).expect(200);
    expect(exact.body).toMatchObject({ total: CALLS + 1, filtered: expected.length, count: 'exact' });
    expect(exact.body.items).toEqual(expected.slice(0, 2));
    // The default estimates; below 10,000 matches it counts them, on both stores.
    const byDefault = await get(`/api/calls?limit=2&${query()}`).expect(200);
    expect(byDefault.body).toMatchObject({ total: CALLS + 1, filtered: expected.length, count: 'exact' });
  });

  it('does not count on cursor pages unless asked; count=none gives a lower bound', async () => {
    const sales = all.filter((r) => r.queue === 'sales');
    const first = await get('/api/calls?limit=5&queue=sales').expect(200);
    expect(first.body).toMatchObject({ filtered: sales.length, count: 'exact' });
    const next = `/api/calls?limit=5&queue=sales&cursor=${first.body.nextCursor as string}`;
    const second = await get(next).expect(200);
    expect(second.body.items).toEqual(sales.slice(5, 10));
    // Not counted: the rows this page shows, a lower bound; the total is still exact.
    expect(second.body).toMatchObject({ total: CALLS + 1, filtered: 5, count: 'none' });
    expect((await get(`${next}&count=exact`).expect(200)).body).toMatchObject({ filtered: sales.length, count: 'exact' });
    expect((await get('/api/calls?limit=5&queue=sales&count=none').expect(200)).body).toMatchObject({ filtered: 5, count: 'none' });
    expect((await get('/api/calls?limit=5&offset=5&queue=sales&count=none').expect(200)).body).toMatchObject({ filtered: 10, count: 'none' });
    // The last page of an offset walk needs no count: what came before and what it holds.
    expect((await get(`/api/calls?limit=5&offset=${sales.length - 2}&queue=sales&count=none`).expect(200)).body).toMatchObject({
      filtered: sales.length,
      count: 'exact',
    });
    // Without a filter the maintained count is exact on any page, cursor or not.
    const unfiltered = await get('/api/calls?limit=5').expect(200);
    const deeper = await get(`/api/calls?limit=5&cursor=${unfiltered.body.nextCursor as string}`).expect(200);
    expect(deeper.body).toMatchObject({ total: CALLS + 1, filtered: CALLS + 1, count: 'exact' });
    await get('/api/calls?count=some').expect(400);
  });

  it('documents the count parameter in the OpenAPI document', async () => {
    const doc = await request(t.app.getHttpServer()).get('/api/openapi.json').expect(200);
    type Schema = { enum?: string[]; description?: string; anyOf?: Schema[] };
    const params = doc.body.paths['/api/calls'].get.parameters as Array<{ name: string; required: boolean; schema: Schema }>;
    const count = params.find((p) => p.name === 'count');
    expect(count?.required).toBe(false);
    // An optional field is documented as "absent, or …".
    const values = [count?.schema, ...(count?.schema.anyOf ?? [])].find((x) => x?.enum)?.enum;
    expect(values).toEqual(['exact', 'estimate', 'none']);
    expect(count?.schema.description).toMatch(/lower bound/);
  });

  it('documents every answer: the page and row schemas, the CSV, the errors; real answers match the documented schemas', async () => {
    const doc = (await request(t.app.getHttpServer()).get('/api/openapi.json').expect(200)).body;
    type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; description?: string; $ref?: string; anyOf?: Schema[] };
    type Operation = { parameters: Array<{ name: string; in: string; required: boolean; description?: string; schema: Schema }>; responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }> };
    const list = doc.paths['/api/calls'].get as Operation;
    const page = list.responses['200']?.content?.['application/json']?.schema as Schema;
    expect(page.required).toEqual(['items', 'total', 'filtered', 'count', 'nextCursor']);
    // The row's documented fields are exactly those a real row has, every one always present.
    const row = page.properties?.items?.items as Schema;
    expect(Object.keys(row.properties ?? {}).sort()).toEqual(Object.keys(all[0] as object).sort());
    expect([...(row.required ?? [])].sort()).toEqual(Object.keys(all[0] as object).sort());
    expect(list.responses['200']?.content?.['text/csv']?.schema).toMatchObject({ type: 'string', description: expect.stringContaining('callId,pbxId,queue') });
    const accept = list.parameters.find((p) => p.name === 'accept');
    expect(accept).toMatchObject({ in: 'header', required: false });
    for (const p of list.parameters) expect([p.name, p.description ?? p.schema.description]).toEqual([p.name, expect.any(String)]);
    const errors = (path: string, method: string) =>
      Object.entries((doc.paths[path][method] as Operation).responses)
        .filter(([status]) => status >= '400')
        .map(([status, r]) => [status, r.content?.['application/json']?.schema.$ref]);
    const apiError = '#/components/schemas/ApiError';
    expect(doc.components.schemas.ApiError).toBeDefined();
    expect(errors('/api/calls', 'get')).toEqual([['400', apiError], ['401', apiError]]);
    expect(errors('/api/agents/{id}/calls', 'get')).toEqual([['400', apiError], ['401', apiError], ['403', apiError]]);
    expect(errors('/api/reports/queues', 'get')).toEqual([['400', apiError], ['401', apiError], ['403', apiError]]);
    expect(errors('/api/admin/reporting/rebuild', 'post')).toEqual([['401', apiError], ['403', apiError], ['409', apiError]]);
    expect(Object.keys((doc.paths['/api/admin/reporting/rebuild'].post as Operation).responses)).toContain('202');
    for (const [path, method, status] of [['/api/agents/{id}/calls', 'get', '200'], ['/api/reports/queues', 'get', '200'], ['/api/reports/agents', 'get', '200'], ['/api/admin/reporting/rebuild', 'get', '200']] as const) {
      expect([path, (doc.paths[path][method] as Operation).responses[status]?.content?.['application/json']?.schema.type]).toEqual([path, 'object']);
    }

    // The schemas the document is generated from accept the real answers (strictly: no field
    // left undocumented), rows with a disposition and with members that rang without answering
    // among them.
    expect(all.some((r) => r.disposition !== null) && all.some((r) => r.ringNoAnswer.length > 0)).toBe(true);
    callPageSchema.parse((await get('/api/calls?limit=1000').expect(200)).body);
    const agent = t.bearer({ subject: '1001', role: 'agent', agentId: '1001' });
    callPageSchema.parse((await get('/api/agents/1001/calls?limit=1000', agent).expect(200)).body);
    queueAggregatesSchema.parse((await get('/api/reports/queues').expect(200)).body);
    agentAggregatesSchema.parse((await get('/api/reports/agents').expect(200)).body);
    rebuildStatusSchema.parse((await get('/api/admin/reporting/rebuild', t.bearer({ subject: 'root', role: 'admin' })).expect(200)).body);
  });

  it('pages deep with the cursor in both orders, each row once, like one big page', async () => {
    for (const order of ['desc', 'asc'] as const) {
      const seen: CallReportRow[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await get(`/api/calls?limit=7&order=${order}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        seen.push(...(res.body.items as CallReportRow[]));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual(order === 'desc' ? all : [...all].reverse());
    }
    const page2 = await get('/api/calls?limit=5&offset=5').expect(200);
    expect(page2.body.items).toEqual(all.slice(5, 10));
  });

  it('refuses bad input with 400 invalid_input naming the field', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['outcome=lost', 'outcome'],
      ['limit=0', 'limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['from=2026-11-23T00:00:00Z&until=2026-11-22T00:00:00Z', 'until'],
      ['callerNumber=06%25', 'callerNumber'],
      ['evil=1', ''],
    ]) {
      const res = await get(`/api/calls?${query}`).expect(400);
      expect(res.body).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(field) });
    }
    const first = await get('/api/calls?limit=2').expect(200);
    const both = await get(`/api/calls?limit=2&offset=2&cursor=${first.body.nextCursor as string}`).expect(400);
    expect(both.body).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('offset') });
  });

  it('exports the matching rows as CSV, by Accept header or format=csv, streamed', async () => {
    const byHeader = await get('/api/calls?queue=sales').set('accept', 'text/csv').expect(200);
    expect(byHeader.headers['content-type']).toMatch(/^text\/csv/);
    const lines = byHeader.text.trimEnd().split('\r\n');
    const sales = all.filter((r) => r.queue === 'sales');
    expect(lines[0]).toMatch(/^callId,pbxId,queue,direction,callerNumber,callerName,enteredAt/);
    expect(lines).toHaveLength(sales.length + 1);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(sales.map((r) => r.callId));
    // The formula-looking caller name is neutralised (and quoted: it holds a quote).
    expect(byHeader.text).toContain(`"'=HYPERLINK(""x"")"`);
    const byFormat = await get('/api/calls?format=csv').expect(200);
    expect(byFormat.text.trimEnd().split('\r\n')).toHaveLength(all.length + 1);
  });

  it('aggregates per queue and per agent over an interval', async () => {
    const res = await get('/api/reports/queues?serviceLevelSeconds=20').expect(200);
    const helpdesk = all.filter((r) => r.queue === 'helpdesk');
    const answered = helpdesk.filter((r) => r.outcome === 'answered' || r.outcome === 'transferred');
    const ended = helpdesk.filter((r) => r.outcome !== 'waiting');
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    const within = answered.filter((r) => (r.waitSeconds ?? Infinity) <= 20).length;
    expect(res.body.items.find((q: { queue: string }) => q.queue === 'helpdesk')).toEqual({
      queue: 'helpdesk',
      offered: helpdesk.length,
      answered: answered.length,
      transferred: helpdesk.filter((r) => r.outcome === 'transferred').length,
      abandoned: helpdesk.filter((r) => r.outcome === 'abandoned').length,
      timeout: helpdesk.filter((r) => r.outcome === 'timeout').length,
      waiting: 0,
      averageWaitSeconds: mean(ended.map((r) => r.waitSeconds ?? 0)),
      averageTalkSeconds: mean(answered.map((r) => r.talkSeconds ?? 0)),
      serviceLevel: { seconds: 20, answeredWithin: within, percent: Math.round((1000 * within) / ended.length) / 10 },
    });
    const from = all[60]?.enteredAt ?? '';
    const agents = await get(`/api/reports/agents?from=${encodeURIComponent(from)}`).expect(200);
    const mine = all.filter((r) => r.agentId === '1001' && (r.enteredAt ?? '') >= from);
    expect(agents.body.items.map((a: { agentId: string }) => a.agentId)).toEqual(['1001', '1002', '1003']);
    expect(agents.body.items[0]).toMatchObject({ agentId: '1001', offered: mine.length, answered: mine.filter((r) => r.outcome === 'answered' || r.outcome === 'transferred').length });
  });

  it('shows an agent its own disposed calls only, whatever it asks for', async () => {
    const agent = t.bearer({ subject: '1001', role: 'agent', agentId: '1001' });
    const own = all.filter((r) => r.attribution === 'agent' && r.userId === '1001');
    expect(own.length).toBeGreaterThan(0);
    const res = await get('/api/calls?limit=1000', agent).expect(200);
    expect(res.body).toMatchObject({ items: own, total: own.length, filtered: own.length });
    const widened = await get('/api/calls?limit=1000&userId=SIP/1001&attribution=phone', agent).expect(200);
    expect(widened.body.items).toEqual([]);
    const csv = await get('/api/calls?format=csv', agent).expect(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(own.length + 1);
    const voiceCalls = await get('/api/agents/1001/calls?limit=1000', agent).expect(200);
    expect(voiceCalls.body.items).toEqual(own);
    await get('/api/agents/1002/calls', agent).expect(403);
    await get('/api/reports/queues', agent).expect(403);
    await request(t.app.getHttpServer()).get('/api/calls').expect(401);
  });

  // Last: it changes a row's attribution, which the tests above read from `all`.
  it("keeps the maintained counts in step: a disposition moves a call into the agent's count", async () => {
    // A call the agent answered and has not disposed yet: its disposition makes it the agent's.
    const call = all.find((r) => r.attribution !== 'agent' && r.outcome === 'answered' && r.agentId !== null) as CallReportRow;
    const agentId = call.agentId as string;
    const agent = t.bearer({ subject: agentId, role: 'agent', agentId });
    const before = (await get('/api/calls?limit=1', agent).expect(200)).body as { total: number; filtered: number };
    const rowsOfCall = all.filter((r) => r.callId === call.callId && r.agentId === agentId && r.answeredAt !== null).length;
    const at = '2026-12-31T12:00:00.000Z';
    await t.projection.applyDisposition({
      type: 'CallDisposed',
      data: { agentId, callId: call.callId, code: 'moved', at },
      metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at },
    });
    const after = await get('/api/calls?limit=1', agent).expect(200);
    expect(after.body).toMatchObject({ total: before.total + rowsOfCall, filtered: before.total + rowsOfCall, count: 'exact' });
    // The maintained counts and a real count agree, for the agent and for everyone.
    expect((await get('/api/calls?limit=1&count=exact', agent).expect(200)).body).toMatchObject({ total: before.total + rowsOfCall });
    expect((await get(`/api/calls?limit=1&userId=${agentId}&attribution=agent`).expect(200)).body).toMatchObject({ filtered: before.total + rowsOfCall, count: 'exact' });
    expect((await get('/api/calls?limit=1').expect(200)).body).toMatchObject({ total: CALLS + 1, filtered: CALLS + 1 });
    // Applied again (a redelivery), it changes nothing.
    await t.projection.applyDisposition({
      type: 'CallDisposed',
      data: { agentId, callId: call.callId, code: 'moved', at },
      metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at },
    });
    expect((await get('/api/calls?limit=1', agent).expect(200)).body).toMatchObject({ total: before.total + rowsOfCall });
  });
});
