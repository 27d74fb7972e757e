import {
  CallQueryService,
  callsCsv,
  openReportDb,
  ReportAggregatesService,
  type CallQuery,
} from '@switchboard/reporting-service';
import { runFilledProjectionBench, type FilledProjectionFigures } from './reporting-filled-projection.bench';
import type { BenchStore } from './reporting-stores';
import { FILL_SLOT_MS, FILL_START_MS, fillCallTable } from './reporting-table';

export interface QueryFigure {
  readonly query: string;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** For a page of calls: how its `filtered` was obtained (exact, estimate, none). */
  readonly count?: string;
}

export interface QueryFigures {
  readonly store: string;
  readonly rows: number;
  readonly fillSeconds: number;
  readonly queries: QueryFigure[];
  readonly csv: { rows: number; megabytes: number; seconds: number; rssBeforeMb: number; peakRssMb: number };
  /** Then the projection of further calls into the same table. */
  readonly projection: FilledProjectionFigures;
}

const RUNS = 40;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Query latency on a table of `calls` rows: each common filter of GET /api/calls (a first page
 * of 100 with its total and filtered counts, as the API answers it by default), a deep page by
 * cursor, an exact count where it costs most, and the wallboard aggregates; then the CSV export of
 * every row, with the process's RSS sampled; last, the projection of `projectCalls` further calls
 * into that table (reporting-filled-projection.bench.ts), after the reads so they ran on the
 * table as filled.
 */
export async function runQueryBench(store: BenchStore, calls: number, projectCalls: number): Promise<QueryFigures> {
  const db = await openReportDb(store.url);
  try {
    const fillStart = performance.now();
    await fillCallTable(db, calls);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const service = new CallQueryService(db);
    const aggregates = new ReportAggregatesService(db);
    // A day and a week in the middle of the recorded stream (one call every 2 minutes).
    const mid = FILL_START_MS + Math.floor(calls / 2) * FILL_SLOT_MS;
    const day = { from: new Date(mid).toISOString(), until: new Date(mid + 86_400_000).toISOString() };
    const page = (q: Partial<CallQuery>) => () => service.list({ limit: 100, ...q });
    let deepCursor: CallQuery['cursor'];
    {
      let cursor: CallQuery['cursor'];
      for (let i = 0; i < 50; i++) {
        const rows = await service.page({ limit: 100, cursor });
        const last = rows[rows.length - 1];
        if (!last) break;
        cursor = { sortAt: last.sort_at, callId: last.call_id, queue: last.queue, order: 'desc' };
      }
      deepCursor = cursor;
    }
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['newest first, no filter', page({})],
      ['queue', page({ queue: 'helpdesk' })],
      ['agentId', page({ agentId: '1002' })],
      ['phoneId', page({ phoneId: 'SIP/1003' })],
      ['userId + attribution (an agent’s Voice Calls)', page({ userId: '1001', attribution: 'agent' })],
      ['outcome', page({ outcome: 'abandoned' })],
      ['one day (from/until)', page(day)],
      ['one day + queue + outcome', page({ ...day, queue: 'sales', outcome: 'answered' })],
      ['callerNumber prefix', page({ callerNumberPrefix: '0612' })],
      // Two filters that exclude each other (a timed-out or abandoned call has no agent, device or
      // attribution): nothing matches, and nothing may be read to the end to find that out.
      ['agentId + outcome=timeout (no match)', page({ agentId: '1002', outcome: 'timeout' })],
      ['phoneId + outcome=abandoned (no match)', page({ phoneId: 'SIP/1003', outcome: 'abandoned' })],
      ['userId + outcome=timeout (no match)', page({ userId: '1001', outcome: 'timeout' })],
      ['outcome=abandoned + attribution=agent (no match)', page({ outcome: 'abandoned', attribution: 'agent' })],
      ['agentId + attribution=none (no match)', page({ agentId: '1002', attribution: 'none' })],
      ['agentId + phoneId (no match: another agent’s phone)', page({ agentId: '1002', phoneId: 'SIP/1003' })],
      ['callerNumber prefix + outcome=timeout', page({ callerNumberPrefix: '0612', outcome: 'timeout' })],
      // search is a substring of four columns, served by the trigram index (FTS5 on SQLite,
      // pg_trgm on PostgreSQL, migration 0012) for a rare term, in page order for a common one.
      ['search, a common term (part of callers’ names)', page({ search: 'customer 12' })],
      ['search, a rare term (6 digits of a caller’s number)', page({ search: '345678' })],
      ['queue + agentId', page({ queue: 'sales', agentId: '1003' })],
      ['page 51 by cursor', page({ cursor: deepCursor })],
      // What every page cost before counts were maintained or estimated: asked for explicitly now.
      ['queue, count=exact', page({ queue: 'helpdesk', count: 'exact' })],
      ['aggregates per queue, one day', () => aggregates.perQueue({ ...day, serviceLevelSeconds: 20 })],
      ['aggregates per agent, one day', () => aggregates.perAgent({ ...day, serviceLevelSeconds: 20 })],
    ];
    const queries: QueryFigure[] = [];
    for (const [name, run] of cases) {
      const first = await run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const count = typeof first === 'object' && first !== null && 'count' in first ? String(first.count) : undefined;
      queries.push({ query: name, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), ...(count ? { count } : {}) });
    }

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const csvStart = performance.now();
    let bytes = 0;
    let lines = 0;
    for await (const chunk of callsCsv(service, {}, {})) {
      bytes += Buffer.byteLength(chunk);
      for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
    }
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const csvSeconds = (performance.now() - csvStart) / 1000;
    const projection = await runFilledProjectionBench(db, store.name, calls, projectCalls);
    return {
      store: store.name,
      rows: calls,
      fillSeconds,
      queries,
      csv: {
        rows: lines - 1,
        megabytes: bytes / 2 ** 20,
        seconds: csvSeconds,
        rssBeforeMb: Math.round(rssBefore / 2 ** 20),
        peakRssMb: Math.round(peak / 2 ** 20),
      },
      projection,
    };
  } finally {
    await db.destroy();
  }
}
