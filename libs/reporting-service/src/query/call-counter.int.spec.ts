import { CallReportProjection } from '../projection/call-report.projection';
import { batchesOf } from '../recorded-stream/projection-inputs';
import { syntheticStream } from '../recorded-stream/synthetic-stream';
import { openReportDb, type ReportDb } from '../store/open-report-db';
import { EXACT_BELOW } from './call-counter';
import { CallQueryService, type CallQuery } from './call-query.service';

const CALLS = 26_000;
/** The stream's first call, and one call every 2 minutes after it. */
const START = Date.UTC(2026, 10, 2, 8);
const at = (call: number) => new Date(START + call * 120_000).toISOString();

/** `filtered` by default on the embedded store, beyond EXACT_BELOW matches: estimated from a
 *  sample of the rows, not counted one by one. */
describe('filtered counts on SQLite (embedded) beyond 10,000 matches', () => {
  let db: ReportDb;
  let query: CallQueryService;

  beforeAll(async () => {
    db = await openReportDb('sqlite::memory:');
    const projection = new CallReportProjection(db);
    for (const batch of batchesOf(syntheticStream({ calls: CALLS, seed: 6 }), 1000)) await projection.applyBatch(batch.inputs, batch.checkpoints);
    query = new CallQueryService(db);
  }, 120_000);

  afterAll(async () => {
    await db.destroy();
  });

  const both = async (filter: Partial<CallQuery>) => ({
    byDefault: await query.list({ limit: 10, ...filter }),
    exact: await query.list({ limit: 10, ...filter, count: 'exact' }),
  });

  it.each<[string, Partial<CallQuery>]>([
    ['one queue', { queue: 'helpdesk' }],
    ['a queue and a caller-number prefix', { queue: 'sales', callerNumberPrefix: '06' }],
    ['an outcome within an older time range', { outcome: 'answered', from: at(0), until: at(22_000) }],
  ])('estimates %s close to the count, and says it is an estimate', async (_name, filter) => {
    const { byDefault, exact } = await both(filter);
    expect(exact.count).toBe('exact');
    expect(exact.filtered).toBeGreaterThan(EXACT_BELOW);
    expect(byDefault.count).toBe('estimate');
    expect(byDefault.filtered).toBeGreaterThanOrEqual(EXACT_BELOW);
    expect(Math.abs(byDefault.filtered - exact.filtered) / exact.filtered).toBeLessThan(0.1);
    expect(byDefault.items).toEqual(exact.items);
  });

  it('counts exactly below 10,000 matches', async () => {
    const { byDefault, exact } = await both({ outcome: 'timeout' });
    expect(exact.filtered).toBeLessThan(EXACT_BELOW);
    expect(byDefault).toEqual(exact);
  });
});
