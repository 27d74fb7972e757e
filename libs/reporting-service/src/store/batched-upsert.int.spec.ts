import { openReportDb, type ReportDb } from './open-report-db';
import { BatchedUpsert } from './batched-upsert';
import { RenameTablesPlugin } from './rename-tables.plugin';
import { createNextTables } from './fresh-tables';
import type { CallDispositionTable } from './schema';

const dispositions = new BatchedUpsert<CallDispositionTable>((db, rows) =>
  db
    .insertInto('call_dispositions')
    .values([...rows])
    .onConflict((oc) => oc.column('call_id').doUpdateSet((eb) => ({ event_json: eb.ref('excluded.event_json') }))),
);

const rows = (n: number, tag: string): CallDispositionTable[] =>
  Array.from({ length: n }, (_, i) => ({ call_id: `c${String(i).padStart(3, '0')}`, event_json: `${tag}${i}` }));

describe('BatchedUpsert on SQLite (statements of fixed sizes, compiled once)', () => {
  let db: ReportDb;

  beforeEach(async () => {
    db = await openReportDb('sqlite::memory:');
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('writes any number of rows, each with its own values, and updates them on a second run', async () => {
    // 73 = 64 + 8 + 1: every statement size, each row's values in its own place.
    await dispositions.run(db, 'sqlite', rows(73, 'first-'));
    await dispositions.run(db, 'sqlite', rows(10, 'second-'));
    const stored = await db.selectFrom('call_dispositions').select(['call_id', 'event_json']).orderBy('call_id').execute();
    expect(stored).toHaveLength(73);
    expect(stored.slice(0, 10)).toEqual(rows(10, 'second-'));
    expect(stored.slice(10)).toEqual(rows(73, 'first-').slice(10));
  });

  it('writes into the tables a plugin names (a rebuild’s), compiled for them', async () => {
    const names = await createNextTables(db);
    const next = new BatchedUpsert<CallDispositionTable>((d, r) => d.insertInto('call_dispositions').values([...r]));
    await next.run(db.withPlugin(new RenameTablesPlugin(names)), 'sqlite', rows(9, 'next-'));
    const live = await db.selectFrom('call_dispositions').select('call_id').execute();
    const fresh = await db.withPlugin(new RenameTablesPlugin(names)).selectFrom('call_dispositions').select(['call_id', 'event_json']).orderBy('call_id').execute();
    expect(live).toEqual([]);
    expect(fresh).toEqual(rows(9, 'next-'));
  });
});
