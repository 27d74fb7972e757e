import request from 'supertest';
import { CSV_BATCH_ROWS } from '../query/call-csv';
import { batchesOf } from '../recorded-stream/projection-inputs';
import { syntheticStream } from '../recorded-stream/synthetic-stream';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import { startReportingTestApp, type ReportingTestApp } from '../testing/reporting-test-app';

/** More rows than one database read of the export: offset, limit and cursor meet batch ends. */
const CALLS = 2500;

/**
 * The CSV export of GET /api/calls over real HTTP on both report stores: every matching row in
 * the requested order; `offset` skips rows once, `limit` caps the rows, a cursor is where the
 * export starts: the rows the JSON pages would give, as one stream.
 */
describe.each(reportStores)('CSV export of GET /api/calls on %s', (_name, openStore) => {
  let store: TestReportStore;
  let t: ReportingTestApp;
  let supervisor: string;
  /** Every row's key (callId + queue), newest first, as the JSON pages give them. */
  let keys: string[];

  const get = (path: string) => request(t.app.getHttpServer()).get(path).set('authorization', supervisor);
  /** The data lines' keys (callId, queue: the first and third columns, never quoted here). */
  const csvKeys = async (path: string): Promise<string[]> => {
    const res = await get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = res.text.trimEnd().split('\r\n');
    expect(header).toMatch(/^callId,pbxId,queue,/);
    return lines.map((line) => {
      const [callId, , queue] = line.split(',');
      return `${callId},${queue}`;
    });
  };

  beforeAll(async () => {
    store = await openStore();
    t = await startReportingTestApp(store.url);
    supervisor = t.bearer({ subject: 'sup', role: 'supervisor' });
    for (const batch of batchesOf(syntheticStream({ calls: CALLS, seed: 3 }), 1000)) {
      await t.projection.applyBatch(batch.inputs, batch.checkpoints);
    }
    keys = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await get(`/api/calls?limit=1000&count=none${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      keys.push(...(res.body.items as Array<{ callId: string; queue: string }>).map((r) => `${r.callId},${r.queue}`));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(keys.length).toBeGreaterThan(2 * CSV_BATCH_ROWS);
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await store.stop();
  });

  it('exports every row in the requested order, without limit', async () => {
    expect(await csvKeys('/api/calls?format=csv')).toEqual(keys);
    expect(await csvKeys('/api/calls?format=csv&order=asc')).toEqual([...keys].reverse());
  });

  it('skips `offset` rows once, not at every batch', async () => {
    expect(await csvKeys('/api/calls?format=csv&offset=5')).toEqual(keys.slice(5));
    expect(await csvKeys('/api/calls?format=csv&offset=1500&order=asc')).toEqual([...keys].reverse().slice(1500));
  });

  it('caps the export at `limit` rows: the JSON page with the same limit and offset, as CSV', async () => {
    expect(await csvKeys('/api/calls?format=csv&limit=1000&offset=999')).toEqual(keys.slice(999, 1999));
    expect(await csvKeys('/api/calls?format=csv&limit=3&offset=2000')).toEqual(keys.slice(2000, 2003));
    const page = await get('/api/calls?limit=7&offset=1200&queue=sales').expect(200);
    const sales = await csvKeys('/api/calls?format=csv&limit=7&offset=1200&queue=sales');
    expect(sales).toEqual((page.body.items as Array<{ callId: string; queue: string }>).map((r) => `${r.callId},${r.queue}`));
    expect(sales).toHaveLength(7);
  });

  it('starts after the cursor of a JSON page, in the cursor\'s order, to the end', async () => {
    const desc = await get('/api/calls?limit=7').expect(200);
    expect(await csvKeys(`/api/calls?format=csv&cursor=${desc.body.nextCursor as string}`)).toEqual(keys.slice(7));
    const asc = await get('/api/calls?limit=1000&order=asc').expect(200);
    expect(await csvKeys(`/api/calls?format=csv&cursor=${asc.body.nextCursor as string}&limit=1000`)).toEqual([...keys].reverse().slice(1000, 2000));
  });

  it('says so in the OpenAPI document', async () => {
    const doc = await request(t.app.getHttpServer()).get('/api/openapi.json').expect(200);
    const operation = doc.body.paths['/api/calls'].get as { description: string; parameters: Array<{ name: string; schema: { description?: string; default?: unknown } }> };
    expect(operation.description).toMatch(/offset rows are skipped once, limit caps the rows, and a cursor .* is where the export starts/);
    const limit = operation.parameters.find((p) => p.name === 'limit');
    expect(limit?.schema.description).toMatch(/CSV: at most this many rows; absent, every matching row/);
    expect(limit?.schema.default).toBeUndefined();
  });
});
