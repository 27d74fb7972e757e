import type { CallReportRow } from '@switchboard/contracts';
import { sql } from 'kysely';
import request from 'supertest';
import { ReportRebuilder } from '../rebuild/report-rebuilder';
import { syntheticStream } from '../recorded-stream/synthetic-stream';
import { openReportDb, type ReportDb } from '../store/open-report-db';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import { LogFeeder } from '../testing/log-feeder';
import { startReportingTestApp, type ReportingTestApp } from '../testing/reporting-test-app';
import { migratedUpTo, upgradeStores } from '../testing/upgrade-stores';
import { REPORT_DB } from '../tokens';
import { applyCallFilter, type CallFilter } from './call-filter';
import { CallQueryService } from './call-query.service';
import { CallSearchIndex } from './call-search';

/** What the search index is made of, engine by engine, names made by a rebuild left out:
 *  PostgreSQL's trigram index on call_report; SQLite's FTS5 table and the triggers on call_report
 *  that write into it (its name as their bodies say it). */
async function searchIndexes(db: ReportDb, postgres: boolean): Promise<string[]> {
  if (postgres) {
    const { rows } = await sql<{ d: string }>`select tablename || ': ' || indexdef as d from pg_indexes
      where schemaname = current_schema() and indexdef like '%gin_trgm_ops%' order by 1`.execute(db);
    return rows.map((r) => r.d.replace(/ INDEX \S+ ON /, ' INDEX ON '));
  }
  const { rows } = await sql<{ type: string; name: string; tbl_name: string; sql: string }>`select type, name, tbl_name, sql from sqlite_master
    where (type = 'table' and sql like 'CREATE VIRTUAL%') or (type = 'trigger' and sql like '%call_report_search%') order by type, name`.execute(db);
  return rows.map((r) => {
    const writes = /insert into "?(\w+)"?/i.exec(r.sql)?.[1] ?? '';
    return `${r.type} ${r.name.replace(/__g[0-9a-z]+$/, '')} on ${r.tbl_name}${writes ? ` into ${writes}` : ''}`;
  });
}

/** The keys of every match of the filter, newest first, from the filter's SQL on the table. */
async function plainScan(db: ReportDb, filter: CallFilter): Promise<string[]> {
  const rows = await applyCallFilter(db.selectFrom('call_report'), filter)
    .select(['call_id', 'queue'])
    .orderBy('sort_at', 'desc')
    .orderBy('call_id', 'desc')
    .orderBy('queue', 'desc')
    .execute();
  return rows.map((r) => `${r.call_id}/${r.queue}`);
}

describe.each(reportStores)('search after a rebuild on %s', (_name, openStore) => {
  let store: TestReportStore;
  let t: ReportingTestApp;
  let db: ReportDb;
  let admin: string;
  let logs: LogFeeder;

  const search = async (term: string): Promise<CallReportRow[]> =>
    (await request(t.app.getHttpServer()).get(`/api/calls?limit=1000&search=${encodeURIComponent(term)}`).set('authorization', admin).expect(200)).body.items;
  const keys = (rows: CallReportRow[]) => rows.map((r) => `${r.callId}/${r.queue}`);

  beforeEach(async () => {
    store = await openStore();
    t = await startReportingTestApp(store.url);
    db = t.app.get(REPORT_DB);
    admin = t.bearer({ subject: 'root', role: 'admin' });
    logs = new LogFeeder(t);
    const all = [...syntheticStream({ calls: 60, seed: 4 })];
    const firstCall = all.findIndex((e) => e.source === 'pbx' && e.event.type === 'QueueCallerJoined');
    await logs.feed(all.slice(0, firstCall));
    await logs.feed(all.slice(firstCall));
  }, 60_000);

  afterEach(async () => {
    jest.restoreAllMocks();
    await t.close();
    await store.stop();
  });

  it('finds in the rebuilt table what it found before the damage, through the index, rebuild after rebuild, and the rows written after the swap', async () => {
    const postgres = !store.url.startsWith('sqlite');
    const terms = ['customer 4', 'CUSTOMER 59', 'callback', 'resol', 'zzz'];
    const before = new Map<string, string[]>();
    for (const term of terms) before.set(term, keys(await search(term)));
    expect(before.get('customer 4')).toHaveLength(11);
    expect(before.get('CUSTOMER 59')).toHaveLength(1);
    expect(before.get('callback')?.length).toBeGreaterThan(0);
    expect(before.get('zzz')).toEqual([]);
    const indexes = await searchIndexes(db, postgres);
    expect(indexes.length).toBe(postgres ? 1 : 4);

    // Damage that bypasses the projection: the names and codes are gone (the triggers follow).
    await sql`update call_report set caller_name = 'nobody', disposition_code = null`.execute(db);
    expect(await search('customer 4')).toEqual([]);

    const rebuilder = t.app.get(ReportRebuilder);
    for (let run = 0; run < 2; run++) {
      expect(await rebuilder.run()).toMatchObject({ state: 'done', rows: 60 });
      const named = jest.spyOn(CallSearchIndex.prototype, 'named');
      for (const term of terms) expect({ term, keys: keys(await search(term)) }).toEqual({ term, keys: before.get(term) });
      // The rare terms were read from the swapped-in index (a table this small has only few).
      expect(named).toHaveBeenCalled();
      named.mockRestore();
      expect(await searchIndexes(db, postgres)).toEqual(indexes);
      if (!postgres) {
        // The index swapped in holds the rebuilt rows only: nothing of the damaged table's.
        const { rows } = await sql<{ n: number }>`select count(*) as n from call_report_search where call_report_search match '"nob" AND "ody"'`.execute(db);
        expect(rows[0]?.n).toBe(0);
        // And the setting the migration gave the index (not part of its CREATE statement).
        const config = await sql<{ v: number }>`select v from call_report_search_config where k = 'automerge'`.execute(db);
        expect(config.rows).toEqual([{ v: 16 }]);
      }
    }

    // The live projection writes into the swapped-in table, and its triggers into its index.
    await logs.feed(syntheticStream({ calls: 2, seed: 9, startMs: Date.UTC(2026, 11, 1), connectionId: 'second-login' }));
    const added = await search('customer');
    expect(keys(added)).toEqual(await plainScan(db, { search: 'customer' }));
    expect(added).toHaveLength(62);
    expect(added.filter((r) => r.enteredAt?.startsWith('2026-12-01'))).toHaveLength(2);
    if (!postgres) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from call_report_search where call_report_search match '"cus"'`.execute(db);
      expect(rows[0]?.n).toBe(62);
    }
  }, 60_000);
});

describe.each(upgradeStores)('the search index of rows written before it (migration 0012) on %s', (_name, openStore) => {
  it('indexes them when migrating, and finds them through it', async () => {
    const store = await openStore();
    try {
      const old = await migratedUpTo(store, '0011_text_without_length_limits');
      const row = (i: number, name: string, code: string | null) =>
        sql`(${`1790000000.${i}`}, 'helpdesk', 'pbx1', ${`061234${String(i).padStart(4, '0')}`}, ${name}, ${code}, 'answered', 'phone', ${JSON.stringify({ callId: `1790000000.${i}`, queue: 'helpdesk' })}, ${new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()})`;
      await sql`insert into call_report (call_id, queue, pbx_id, caller_number, caller_name, disposition_code, outcome, attribution, row_json, sort_at)
        values ${sql.join(Array.from({ length: 50 }, (_, i) => row(i, i === 7 ? 'Héloïse Durand' : `Caller ${i}`, i % 2 ? 'Resolved' : null)))}`.execute(old);
      await old.destroy();

      const db = await openReportDb(store.url);
      try {
        const calls = new CallQueryService(db);
        const named = jest.spyOn(CallSearchIndex.prototype, 'named');
        const page = async (term: string) => (await calls.page({ search: term, limit: 100 })).map((r) => `${r.call_id}/${r.queue}`);
        expect(await page('durand')).toEqual(['1790000000.7/helpdesk']);
        expect(await page('0612340042')).toEqual(['1790000000.42/helpdesk']);
        expect(await page('solved')).toEqual(await plainScan(db, { search: 'solved' }));
        expect(await page('solved')).toHaveLength(25);
        expect(named).toHaveBeenCalledTimes(4);
        named.mockRestore();
      } finally {
        await db.destroy();
      }
    } finally {
      await store.stop();
    }
  }, 60_000);
});
