import { sql, type RawBuilder } from 'kysely';
import { migratedUpTo, upgradeStores, type UpgradeStore } from '../testing/upgrade-stores';
import { createNextTables } from './fresh-tables';
import { openReportDb, type ReportDb } from './open-report-db';
import { PROJECTION_TABLES } from './schema';

/** What a raw statement runs on: the old release's untyped Kysely or the report database. */
type Executor = Parameters<RawBuilder<unknown>['execute']>[0];

/** A database as a previous release left it: migrated up to `last` (0003 unless told). */
const previousRelease = (store: UpgradeStore, last = '0003_pbx_event_journal') => migratedUpTo(store, last);

const row = (callId: string, userId: string | null, attribution: string) =>
  sql`(${callId}, 'helpdesk', 'pbx1', '0612345678', 'answered', ${attribution}, ${userId}, '{}', '2026-11-23T08:00:00.000Z')`;

/** Migrations from 0004 on, on a database that already holds rows: an upgrade, not a fresh start. */
describe.each(upgradeStores)('report database upgrade on %s', (_name, openStore) => {
  let store: UpgradeStore;
  let db: ReportDb | null = null;

  beforeEach(async () => {
    store = await openStore();
  });

  afterEach(async () => {
    await db?.destroy();
    await store.stop();
  });

  it('seeds the row counts from the table, and replaces the caller-number index whatever a rebuild named it', async () => {
    const old = await previousRelease(store);
    await sql`insert into call_report (call_id, queue, pbx_id, caller_number, outcome, attribution, user_id, row_json, sort_at)
      values ${sql.join([row('c1', '1001', 'agent'), row('c2', '1001', 'agent'), row('c3', '1002', 'agent'), row('c4', 'SIP/1003', 'phone'), row('c5', null, 'none')])}`.execute(old);
    // A rebuild's table swap leaves the indexes under other names than the migrations gave them.
    if (store.postgres) {
      await sql`alter index call_report_caller_number rename to call_report__next_caller_number_idx`.execute(old);
    } else {
      await sql`drop index call_report_caller_number`.execute(old);
      await sql`create index "call_report_caller_number__gabc" on "call_report" ("caller_number")`.execute(old);
    }
    await old.destroy();

    db = await openReportDb(store.url);
    const counts = await db.selectFrom('call_counts').select(['key', 'calls']).orderBy('key').execute();
    expect(counts.map((c) => ({ key: c.key, calls: Number(c.calls) }))).toEqual([
      { key: 'agent:1001', calls: 2 },
      { key: 'agent:1002', calls: 1 },
      { key: 'all', calls: 5 },
    ]);
    const definitions = store.postgres
      ? (await sql<{ def: string }>`select indexdef as def from pg_indexes where tablename = 'call_report'`.execute(db)).rows
      : (await sql<{ def: string }>`select sql as def from sqlite_master where type = 'index' and tbl_name = 'call_report' and sql is not null`.execute(db)).rows;
    const on = (columns: RegExp) => definitions.filter((d) => columns.test(d.def.replace(/"/g, '')));
    expect(on(/\(caller_number\)$/)).toEqual([]);
    // 0005's keyset index, then replaced by 0007's that carries the filter columns.
    expect(on(/\(caller_number, sort_at, call_id, queue\)$/)).toEqual([]);
    expect(on(/\(caller_number, sort_at, call_id, queue, outcome, attribution, agent_id, phone_id, user_id\)$/)).toHaveLength(1);
  });

  it('counts the rows of every writer in call_totals, old replicas included, without a rebuild', async () => {
    const old = await previousRelease(store);
    await sql`insert into call_report (call_id, queue, pbx_id, caller_number, outcome, attribution, user_id, row_json, sort_at)
      values ${sql.join([row('c1', '1001', 'agent'), row('c2', null, 'none')])}`.execute(old);
    await old.destroy();
    db = await openReportDb(store.url);
    const totals = async () =>
      (await db!.selectFrom('call_totals').select(['key', 'calls']).orderBy('key').execute()).map((c) => ({ key: c.key, calls: Number(c.calls) })).filter((c) => c.calls !== 0);
    expect(await totals()).toEqual([
      { key: 'agent:1001', calls: 1 },
      { key: 'all', calls: 2 },
    ]);
    // A replica of the previous release writes as it did (its rows, its own call_counts), in one
    // statement and in several: the database counts them all.
    await sql`insert into call_report (call_id, queue, pbx_id, caller_number, outcome, attribution, user_id, row_json, sort_at)
      values ${sql.join([row('c3', '1002', 'agent'), row('c4', 'SIP/1003', 'phone'), row('c5', '1001', 'agent')])}`.execute(db);
    await sql`insert into call_counts (key, calls) values ('all', 3) on conflict (key) do update set calls = call_counts.calls + 3`.execute(db);
    // Upserts as the projection writes rows: a disposition moves c4 to the agent, c1 is rewritten
    // as it was, c6 is new.
    await sql`insert into call_report (call_id, queue, pbx_id, caller_number, outcome, attribution, user_id, row_json, sort_at)
      values ${sql.join([row('c4', '1003', 'agent'), row('c1', '1001', 'agent'), row('c6', null, 'none')])}
      on conflict (call_id, queue) do update set user_id = excluded.user_id, attribution = excluded.attribution`.execute(db);
    await sql`update call_report set attribution = 'phone', user_id = 'SIP/1002' where call_id = 'c3'`.execute(db);
    await sql`delete from call_report where call_id = 'c5'`.execute(db);
    const counted = await sql<{ key: string; calls: number | string }>`
      select 'all' as key, count(*) as calls from call_report
      union all select 'agent:' || user_id, count(*) from call_report where attribution = 'agent' group by user_id
      order by key`.execute(db);
    expect(await totals()).toEqual(counted.rows.map((c) => ({ key: c.key, calls: Number(c.calls) })));
    expect(await totals()).toEqual([
      { key: 'agent:1001', calls: 1 },
      { key: 'agent:1003', calls: 1 },
      { key: 'all', calls: 5 },
    ]);
  });

  it('keeps the dispositions waiting for their rows per PBX and agent, one recorded without its PBX under ""', async () => {
    const old = await previousRelease(store);
    const disposed = (callId: string, pbxId?: string) =>
      JSON.stringify({ type: 'CallDisposed', data: { agentId: '1001', callId, code: 'resolved', at: '2026-11-23T08:00:00.000Z', ...(pbxId ? { pbxId } : {}) }, metadata: { schemaVersion: 1, occurredAt: '2026-11-23T08:00:00.000Z' } });
    await sql`insert into call_dispositions (call_id, event_json) values ('c1', ${disposed('c1', 'pbx2')}), ('c2', ${disposed('c2')})`.execute(old);
    await old.destroy();
    db = await openReportDb(store.url);
    const kept = await db.selectFrom('call_dispositions_kept').select(['call_id', 'pbx_id', 'agent_id', 'event_json']).orderBy('call_id').execute();
    expect(kept).toEqual([
      { call_id: 'c1', pbx_id: 'pbx2', agent_id: '1001', event_json: disposed('c1', 'pbx2') },
      { call_id: 'c2', pbx_id: '', agent_id: '1001', event_json: disposed('c2') },
    ]);
  });

  it('takes the length limits off every text column on PostgreSQL, a rebuild\'s copies included, rewriting no table or index; leaves SQLite as it was', async () => {
    const old = await previousRelease(store, '0010_call_dispositions_by_pbx_and_agent');
    await sql`insert into call_report (call_id, queue, pbx_id, caller_number, outcome, attribution, user_id, row_json, sort_at)
      values ${row('c1', '1001', 'agent')}`.execute(old);
    // A rebuild under way across the upgrade: its copies were made LIKE the tables of 0010.
    await createNextTables(old as unknown as ReportDb);
    const tables = PROJECTION_TABLES.flatMap((t) => [t, `${t}__next`]);
    const varcharColumns = async (k: Executor) =>
      (
        await sql<{ c: string }>`select table_name || '.' || column_name as c from information_schema.columns
          where table_schema = current_schema() and data_type = 'character varying' and table_name::text = any(${tables}::text[])`.execute(k)
      ).rows.map((r) => r.c);
    // Where each table and index is stored (PostgreSQL: a rewrite or a rebuilt index gets a new
    // file), or the schema as written (SQLite).
    const storage = async (k: Executor) =>
      store.postgres
        ? (await sql`select relname, relkind, relfilenode from pg_class where relnamespace = current_schema()::regnamespace and relkind in ('r', 'i') order by relname`.execute(k)).rows
        : (await sql`select type, name, sql from sqlite_master order by name`.execute(k)).rows;
    if (store.postgres) {
      expect(await varcharColumns(old)).toEqual(expect.arrayContaining(['call_report.caller_name', 'call_report__next.call_id', 'projection_checkpoints__next.name']));
    }
    const before = await storage(old);
    await old.destroy();

    db = await openReportDb(store.url);
    if (store.postgres) expect(await varcharColumns(db)).toEqual([]);
    // Later migrations add objects of their own (0012: the search index); those there before are unchanged.
    const nameOf = (o: unknown) => String((o as { relname?: string; name?: string }).relname ?? (o as { name?: string }).name);
    const known = new Set(before.map(nameOf));
    expect((await storage(db)).filter((o) => known.has(nameOf(o)))).toEqual(before);
    const linkedid = `${'pbx-east-'.padEnd(138, 'x')}.1795335069`;
    const longRow = sql`(${linkedid}, ${'q'.repeat(150)}, 'pbx1', ${'0'.repeat(80)}, ${'N'.repeat(300)}, 'answered', 'agent', ${'a'.repeat(100)}, '{}', '2026-11-23T08:00:00.000Z')`;
    for (const table of ['call_report', 'call_report__next']) {
      await sql`insert into ${sql.table(table)} (call_id, queue, pbx_id, caller_number, caller_name, outcome, attribution, user_id, row_json, sort_at) values ${longRow}`.execute(db);
    }
    expect((await db.selectFrom('call_report').select(['call_id', 'caller_name']).where('call_id', '=', linkedid).execute())).toEqual([{ call_id: linkedid, caller_name: 'N'.repeat(300) }]);
  });
});
