import { sql } from 'kysely';
import { openReportDb, type ReportDb } from '../store/open-report-db';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import type { CallCursor } from './call-cursor';
import { applyCallFilter, type CallFilter } from './call-filter';
import { CallQueryService, type CallQuery } from './call-query.service';
import { CallSearchIndex, COUNTED_NAMED, FEW_NAMED } from './call-search';

/**
 * The table, one row per i (and a second queue's row, same call and entry time, for every 50th):
 * - names: `Martin <i>` for the oldest 24,000 (a term common but far from the newest page),
 *   `Bernard <i>` after; every 4th ` (VIP)`; a few `Émile Zoë`, `Zéphyrin`, `Ann_%"Quote"`;
 * - disposition codes of answered calls: `callback-later`, `callback-done`, or none for every
 *   6th (common everywhere);
 * - three callers on 0612345678; a rarely used phone, SIP/2999; some rows with no entry time.
 */
const ROWS = 36_000;
const CLUSTERED = 24_000;
const START = Date.UTC(2026, 0, 5, 8);
const at = (i: number) => new Date(START + i * 60_000).toISOString();

interface TestRow {
  call_id: string;
  queue: string;
  pbx_id: string;
  caller_number: string;
  caller_name: string | null;
  entered_at: string | null;
  sort_at: string;
  outcome: string;
  agent_id: string | null;
  phone_id: string | null;
  user_id: string | null;
  attribution: string;
  disposition_code: string | null;
  row_json: string;
}

function rowsOf(i: number): TestRow[] {
  const callId = `${1_790_000_000 + i * 60}.${i}`;
  const outcome = i % 5 !== 4 ? 'answered' : i % 10 === 4 ? 'abandoned' : 'timeout';
  const answered = outcome === 'answered';
  const agent = answered ? `100${i % 3}` : null;
  const phone = !answered ? null : i % 600 === 11 ? 'SIP/2999' : `SIP/${agent}`;
  const code = !answered || i % 6 === 0 ? null : i % 2 ? 'callback-later' : 'callback-done';
  let name: string | null = `${i < CLUSTERED ? 'Martin' : 'Bernard'} ${i}${i % 4 === 0 ? ' (VIP)' : ''}`;
  if (i % 500 === 3) name = 'Émile Zoë';
  if (i === 777 || i === 30_777) name = 'Zéphyrin';
  if (i % 700 === 5) name = 'Ann_%"Quote"';
  if (i % 900 === 8) name = null;
  const number = [41, 20_041, 35_941].includes(i) ? '0612345678' : `06${String((i * 7919) % 100_000_000).padStart(8, '0')}`;
  const known = i % 1000 !== 7;
  const row: TestRow = {
    call_id: callId,
    queue: i % 2 ? 'sales' : 'helpdesk',
    pbx_id: 'pbx1',
    caller_number: number,
    caller_name: name,
    entered_at: known ? at(i) : null,
    sort_at: known ? at(i) : '',
    outcome,
    agent_id: agent,
    phone_id: phone,
    user_id: code ? agent : phone,
    attribution: code ? 'agent' : phone ? 'phone' : 'none',
    disposition_code: code,
    row_json: '',
  };
  const both = i % 50 === 0 ? [row, { ...row, queue: 'overflow' }] : [row];
  return both.map((r) => ({ ...r, row_json: JSON.stringify({ callId: r.call_id, queue: r.queue }) }));
}

/** Writes rows as the projection does: a multi-row upsert on the call's key. */
async function upsert(db: ReportDb, rows: TestRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto('call_report')
      .values(rows.slice(i, i + 400))
      .onConflict((oc) =>
        oc.columns(['call_id', 'queue']).doUpdateSet((eb) => ({
          caller_name: eb.ref('excluded.caller_name'),
          disposition_code: eb.ref('excluded.disposition_code'),
          outcome: eb.ref('excluded.outcome'),
        })),
      )
      .execute();
  }
}

type Key = { sort_at: string; call_id: string; queue: string };
const keyOf = (r: Key) => `${r.call_id}/${r.queue}@${r.sort_at}`;

/** Every match of the filter, in the query's order: the filter's SQL on the table, no index asked for. */
async function plainScan(db: ReportDb, query: CallFilter & { order?: 'asc' | 'desc' }, scope: CallFilter = {}): Promise<string[]> {
  const order = query.order ?? 'desc';
  const rows = await applyCallFilter(applyCallFilter(db.selectFrom('call_report'), query), scope)
    .select(['sort_at', 'call_id', 'queue'])
    .orderBy('sort_at', order)
    .orderBy('call_id', order)
    .orderBy('queue', order)
    .execute();
  return rows.map(keyOf);
}

const TERMS: Array<[string, string]> = [
  ['rare: a caller number', '12345678'],
  ['rare: a name, other case and accents', 'ZÉPHYRIN'],
  ['rare: LIKE wildcards and a quote, taken literally', 'n_%"q'],
  ['rare: part of a call id', '.1234'],
  ['common everywhere: a disposition code', 'CallBack'],
  ['common everywhere: a name suffix', '(vip)'],
  ['common, but only in old rows', 'martin'],
  ['common in old rows, narrower', 'martin 1'],
  ['non-ASCII', 'émile zo'],
  ['short: 2 characters', 'ma'],
  ['short: 1 character, a wildcard', '%'],
  ['absent', 'zzzq'],
  ['absent, made of common trigrams', 'martin bernard'],
];

const FILTERS: Array<[string, CallFilter, CallFilter?]> = [
  ['alone', {}],
  ['a queue', { queue: 'sales' }],
  ['an outcome and an agent', { outcome: 'answered', agentId: '1001' }],
  ['a time range', { from: at(10_000), until: at(30_000) }],
  ['a caller-number prefix', { callerNumberPrefix: '061' }],
  ['a rarely used phone', { phoneId: 'SIP/2999' }],
  ['filters that exclude each other', { agentId: '1002', outcome: 'timeout' }],
  ['an agent’s own calls (scope)', {}, { userId: '1001', attribution: 'agent' }],
];

describe.each(reportStores)('search by the trigram index on %s: the plain scan’s results', (_name, openStore) => {
  let store: TestReportStore;
  let db: ReportDb;
  let calls: CallQueryService;

  beforeAll(async () => {
    store = await openStore();
    db = await openReportDb(store.url);
    const all = Array.from({ length: ROWS }, (_, i) => rowsOf(i)).flat();
    await upsert(db, all);
    // What autovacuum does after such a load: the planner's statistics (PostgreSQL estimates a
    // term's matches from those of the index's expressions).
    await sql.raw('analyze').execute(db);
    calls = new CallQueryService(db);
  }, 120_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await db.destroy();
    await store.stop();
  });

  it.each(TERMS)('%s: every page, with each filter, offset, order and cursor', async (_term, search) => {
    for (const [filterName, filter, scope = {}] of FILTERS) {
      const all = await plainScan(db, { ...filter, search }, scope);
      const context = `${search} with ${filterName}`;
      // The first page as the API gives it by default, with its counts.
      const first = await calls.list({ ...filter, search, limit: 100 }, scope);
      expect({ context, keys: (await calls.page({ ...filter, search, limit: 100 }, scope)).map(keyOf) }).toEqual({ context, keys: all.slice(0, 100) });
      expect({ context, items: first.items.map((r) => `${r.callId}/${r.queue}`) }).toEqual({
        context,
        items: all.slice(0, 100).map((k) => k.slice(0, k.indexOf('@'))),
      });
      // Exact where counted; an estimate only for many matches (as without the index: SQLite
      // estimates from a sample, PostgreSQL's planner from statistics, both counting few).
      if (first.count === 'exact') expect({ context, filtered: first.filtered }).toEqual({ context, filtered: all.length });
      else expect({ context, count: first.count, many: all.length >= 1000, filtered: first.filtered >= 100 }).toEqual({ context, count: 'estimate', many: true, filtered: true });
      if (all.length < 1000) expect({ context, count: first.count }).toEqual({ context, count: 'exact' });
      // A deeper page by offset, and the other order.
      const deep = await calls.page({ ...filter, search, limit: 50, offset: 250 }, scope);
      expect({ context, keys: deep.map(keyOf) }).toEqual({ context, keys: all.slice(250, 300) });
      const ascending = await plainScan(db, { ...filter, search, order: 'asc' }, scope);
      const asc = await calls.page({ ...filter, search, limit: 100, order: 'asc' }, scope);
      expect({ context, keys: asc.map(keyOf) }).toEqual({ context, keys: ascending.slice(0, 100) });
      // Three pages by cursor, each after the last row of the one before.
      let cursor: CallCursor | undefined;
      const walked: string[] = [];
      for (let p = 0; p < 3; p++) {
        const page = await calls.page({ ...filter, search, limit: 100, ...(cursor ? { cursor } : {}) }, scope);
        walked.push(...page.map(keyOf));
        const last = page[page.length - 1];
        if (!last || page.length < 100) break;
        cursor = { sortAt: last.sort_at, callId: last.call_id, queue: last.queue, order: 'desc' };
      }
      expect({ context, keys: walked }).toEqual({ context, keys: all.slice(0, walked.length) });
      expect(walked.length).toBe(Math.min(all.length, 300));
    }
  }, 120_000);

  it('has matches to compare: the terms find what the data holds', async () => {
    const count = async (search: string) => (await plainScan(db, { search })).length;
    expect(await count('12345678')).toBe(3);
    // More than either store's index takes a page from, and than SQLite counts among them.
    for (const common of ['callback', 'martin']) {
      expect(await count(common)).toBeGreaterThan(Math.max(COUNTED_NAMED, FEW_NAMED.sqlite, FEW_NAMED.postgres));
    }
    expect(await count('zzzq')).toBe(0);
  });

  it('takes a rare term’s page from the rows the index names, a common one’s from the table in page order, and only a common term far from the page from the index after that', async () => {
    const named = jest.spyOn(CallSearchIndex.prototype, 'named');
    const namesFew = jest.spyOn(CallSearchIndex.prototype, 'namesFew');
    const page = async (q: Partial<CallQuery>) => {
      named.mockClear();
      namesFew.mockClear();
      await calls.page({ limit: 100, ...q });
      return { namesFew: namesFew.mock.calls.length, named: named.mock.calls.length };
    };
    expect(await page({ search: '12345678' })).toEqual({ namesFew: 1, named: 1 });
    expect(await page({ search: 'zzzq' })).toEqual({ namesFew: 1, named: 1 });
    expect(await page({ search: 'callback' })).toEqual({ namesFew: 1, named: 0 });
    // The newest 10,000 rows hold no Martin: read in page order, they did not fill the page.
    expect(await page({ search: 'martin' })).toEqual({ namesFew: 1, named: 1 });
    expect(await page({ search: 'ma' })).toEqual({ namesFew: 0, named: 0 });
    // A common term on a rarely used phone: SQLite reads the phone's few rows in order, all of
    // them, and stops there; PostgreSQL's planner expects few matches of the two together.
    const postgres = !store.url.startsWith('sqlite');
    expect(await page({ search: 'callback', phoneId: 'SIP/2999' })).toEqual({ namesFew: 1, named: postgres ? 1 : 0 });
    if (!postgres) {
      // No FTS5 string can hold a NUL: such a term is read in page order (PostgreSQL takes no NUL
      // in text at all).
      expect(await page({ search: 'ma\u0000rtin' })).toEqual({ namesFew: 0, named: 0 });
      expect(await calls.page({ search: 'ma\u0000rtin', limit: 100 })).toEqual([]);
    }
  });

  it('finds a row by its new disposition code once changed, not by the old one, and no longer once deleted', async () => {
    const [row] = rowsOf(35_003); // answered, callback-later

    if (!row) throw new Error('no row');
    const before = row.disposition_code;
    expect(before).not.toBeNull();
    const key = `${row.call_id}/${row.queue}@${row.sort_at}`;
    const found = async (search: string) => (await calls.page({ search, limit: 100 })).map(keyOf).includes(key);
    expect(await found(`${row.call_id}`)).toBe(true);

    await upsert(db, [{ ...row, disposition_code: 'Escalated-Legal' }]);
    expect(await found('escalated-leg')).toBe(true);
    expect(await plainScan(db, { search: 'escalated-leg' })).toEqual([key]);
    // Its old code still finds the others, not this row.
    expect((await calls.page({ search: `${row.call_id}`, limit: 100 })).map(keyOf)).toEqual([key]);
    const stillOld = await calls.list({ search: before ?? '', callerNumberPrefix: row.caller_number, limit: 100 });
    expect(stillOld.items).toEqual([]);

    await sql`delete from call_report where call_id = ${row.call_id}`.execute(db);
    expect(await found('escalated-leg')).toBe(false);
    expect(await found(`${row.call_id}`)).toBe(false);
    if (store.url.startsWith('sqlite')) {
      // The index itself forgot the row: no stale entry left to read and test.
      const { rows } = await sql<{ n: number }>`select count(*) as n from call_report_search where call_report_search match '"ega" AND "gal"'`.execute(db);
      expect(rows[0]?.n).toBe(0);
    }
  });
});
