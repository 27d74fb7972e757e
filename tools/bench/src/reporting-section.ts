import os from 'node:os';
import { PROJECTION_BATCH } from '@switchboard/reporting-service';
import { runProjectionBench, type ProjectionFigures } from './reporting-projection.bench';
import { runQueryBench, type QueryFigures } from './reporting-query.bench';
import { runRebuildBench, type RebuildFigures } from './reporting-rebuild.bench';
import { postgresStore, sqliteStore, type BenchStore } from './reporting-stores';
import { markdownTable, textTable } from './table';

/** Sizes of the reporting benchmarks; REPORTING_BENCH_SCALE=0.1 for a quick try. */
function sizes(): { projectionCalls: number; rebuildCalls: number; queryRows: number; scale: number } {
  const scale = Number(process.env['REPORTING_BENCH_SCALE'] ?? 1);
  return {
    // ≈ 7.35 events per call: 40,000 calls ≈ 294,000 events; 136,000 calls ≈ 1,000,000 events.
    projectionCalls: Math.round(40_000 * scale),
    rebuildCalls: Math.round(136_000 * scale),
    queryRows: Math.round(1_000_000 * scale),
    scale,
  };
}

async function withStore<T>(open: () => Promise<BenchStore> | BenchStore, run: (s: BenchStore) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await run(store);
  } finally {
    await store.stop();
  }
}

export interface ReportingFigures {
  /** Per store and batch size: the median of PROJECTION_RUNS runs, with every run's rate. */
  readonly projection: Array<ProjectionFigures & { readonly runs: readonly number[] }>;
  readonly rebuild: RebuildFigures[];
  readonly query: QueryFigures[];
  readonly scale: number;
  /** os.loadavg() once every store is done (1, 5, 15 minutes): the heading has it at the start. */
  readonly loadAverageAtEnd: readonly number[];
}

/** Runs of each projection measurement, each on a fresh store: one run of a few seconds on a
 *  shared 2-core machine varied by ±10% here, so the median of three is what is reported. */
const PROJECTION_RUNS = 3;

export async function runReportingBenches(log: (line: string) => void): Promise<ReportingFigures> {
  const s = sizes();
  const projection: ReportingFigures['projection'] = [];
  for (const open of [sqliteStore, postgresStore]) {
    for (const batch of [1000, PROJECTION_BATCH, 1]) {
      // 1,000: catch-up, rebuild. PROJECTION_BATCH (256): the live JetStream consumer with a
      // backlog, one pull per transaction. 1: a trickle, each event its own transaction.
      const calls = batch === 1 ? Math.round(s.projectionCalls / 100) : batch === PROJECTION_BATCH ? Math.round(s.projectionCalls / 4) : s.projectionCalls;
      const runs: ProjectionFigures[] = [];
      for (let run = 0; run < PROJECTION_RUNS; run++) runs.push(await withStore(open, (store) => runProjectionBench(store, calls, batch)));
      const sorted = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
      const f = sorted[Math.floor(sorted.length / 2)] as ProjectionFigures;
      log(`projection ${f.store} batch ${batch}: ${f.eventsPerSecond} events/s (runs: ${runs.map((r) => r.eventsPerSecond).join(', ')})`);
      projection.push({ ...f, runs: runs.map((r) => r.eventsPerSecond) });
    }
  }
  const rebuild: RebuildFigures[] = [];
  for (const open of [sqliteStore, postgresStore]) {
    const f = await withStore(open, (store) => runRebuildBench(store, s.rebuildCalls));
    log(`rebuild ${f.store}: ${f.pbxEvents + f.agentEvents} events in ${f.seconds.toFixed(1)} s`);
    rebuild.push(f);
  }
  const query: QueryFigures[] = [];
  for (const open of [sqliteStore, postgresStore]) {
    const f = await withStore(open, (store) => runQueryBench(store, s.queryRows, s.projectionCalls));
    log(`query ${f.store}:\n${textTable([['query', 'p50 ms', 'p95 ms'], ...f.queries.map((q) => [q.query, q.p50Ms.toFixed(1), q.p95Ms.toFixed(1)])])}`);
    log(`csv ${f.store}: ${JSON.stringify(f.csv)}`);
    log(`projection ${f.store} into the ${f.projection.rowsBefore}-row table, batch ${f.projection.batchSize}: ${f.projection.eventsPerSecond} events/s (${f.projection.rowsAfter} rows after)`);
    query.push(f);
  }
  return { projection, rebuild, query, scale: s.scale, loadAverageAtEnd: os.loadavg() };
}

const n = (x: number) => x.toLocaleString('en');

function batchLabel(size: number): string {
  if (size === 1) return '1 (a trickle)';
  if (size === PROJECTION_BATCH) return `${n(size)} (live consumer, one pull)`;
  return n(size);
}

export function reportingSection(r: ReportingFigures, measuredOn: string): string {
  const projection = markdownTable([
    ['store', 'batch (events per transaction)', 'events', 'time in the projection', 'rate (median run)', 'every run (events/s)'],
    ...r.projection.map((p) => [
      p.store,
      batchLabel(p.batchSize),
      n(p.events),
      `${p.seconds.toFixed(1)} s`,
      `**${n(p.eventsPerSecond)} events/s**`,
      p.runs.map(n).join(', '),
    ]),
  ]);
  const intoFilled = markdownTable([
    ['store', 'rows before → after', 'batch', 'events', 'time in the projection', 'rate'],
    ...r.query.map(({ projection: p }) => [
      p.store,
      `${n(p.rowsBefore)} → ${n(p.rowsAfter)}`,
      batchLabel(p.batchSize),
      n(p.events),
      `${p.seconds.toFixed(1)} s`,
      `**${n(p.eventsPerSecond)} events/s**`,
    ]),
  ]);
  const filledRows = n(r.query[0]?.rows ?? 0);
  const newCalls = (r.query[0]?.projection.rowsAfter ?? 0) - (r.query[0]?.projection.rowsBefore ?? 0);
  const loadAtEnd = r.loadAverageAtEnd.map((l) => l.toFixed(1)).join(' / ');
  const rebuild = markdownTable([
    ['store', 'PBX events replayed', 'agent events', 'rows', 'rebuild time'],
    ...r.rebuild.map((b) => [b.store, n(b.pbxEvents), n(b.agentEvents), n(b.rows), `**${b.seconds.toFixed(1)} s**`]),
  ]);
  const stores = r.query.map((q) => q.store);
  const names = r.query[0]?.queries.map((q) => q.query) ?? [];
  const query = markdownTable([
    ['query (a page of 100 + total + filtered, counted as by default)', ...stores.map((s) => `${s} p95 (p50), filtered`)],
    ...names.map((name) => [
      name,
      ...r.query.map((q) => {
        const f = q.queries.find((x) => x.query === name);
        return f ? `**${f.p95Ms.toFixed(1)} ms** (${f.p50Ms.toFixed(1)})${f.count ? `, ${f.count}` : ''}` : '';
      }),
    ]),
  ]);
  const csv = markdownTable([
    ['store', 'rows exported', 'size', 'time', 'RSS before', 'peak RSS during'],
    ...r.query.map((q) => [q.store, n(q.csv.rows), `${q.csv.megabytes.toFixed(0)} MiB`, `${q.csv.seconds.toFixed(1)} s`, `${q.csv.rssBeforeMb} MB`, `**${q.csv.peakRssMb} MB**`]),
  ]);
  const scaled = r.scale === 1 ? '' : `\n\n**Scaled down** (REPORTING_BENCH_SCALE=${r.scale}): the sizes below are ${r.scale}× the issue's.`;
  return `## Reporting: projection, rebuild, queries, CSV export

${measuredOn}${scaled}

Input: the recorded stream of libs/reporting-service (synthetic queue calls shaped like the captures: answered, transferred, abandoned and timed-out calls, rings without answer, agents' logins, and a desktop disposition for half of the answered calls), ≈ 7.35 events per call. Stores: an SQLite file (WAL, synchronous=NORMAL) and the local PostgreSQL 15, each fresh per run. Other work may share the 2 cores (load average above; at the end of the run ${loadAtEnd} over 1 / 5 / 15 minutes, the run's own work included).

### Projection throughput (goal ≥ 50,000 events/s on the embedded store)

Time inside CallReportProjection.applyBatch only (reads of the touched rows, reduce, multi-row upserts with the indexes and the counting triggers they fire, the PBX event journal, checkpoints, one transaction per batch). Batches of 1,000 are how catch-up, the kill test's child and the rebuild project; the live JetStream consumer commits what one pull brought (Bus.consumeBatch, up to ${PROJECTION_BATCH} events) and acks it after the commit: the ${PROJECTION_BATCH} row is that consumer working through a backlog; the last row per store is a trickle, one event per transaction. On SQLite the WAL is checkpointed by a worker thread, outside the batches' time (its CPU is the process's, not the projection's). Each row is measured ${PROJECTION_RUNS} times, each time on a fresh store: the median run is shown, every run's rate beside it.

${projection}

**Projection into the ${filledRows}-row table.** After the query and export measurements below, on the same database, ${n(newCalls)} further calls (later times and another seed than the rows already there, so each is a new row: counted before and after) projected in batches of 1,000, as a catch-up meets a table that has grown; the batch-1,000 rows above project as many calls into a fresh table. The rows already there were written straight into call_report (see the query latency), so the journal, checkpoints and phone sessions start empty; the indexes and the count triggers work on the full table.

${intoFilled}

### Rebuild (fresh tables, replay, swap)

The stream is projected first as the live service would (journaling the PBX events, agent events in an in-memory event store); then ReportRebuilder replays the journal and the event store into fresh tables and swaps them in. Timed: the rebuild alone.

${rebuild}

### Query latency (goal p95 < 50 ms on a 1M-row table)

${n(r.query[0]?.rows ?? 0)} rows written straight into call_report (reduced in the benchmark, ${r.query.map((q) => `${q.fillSeconds.toFixed(0)} s on ${q.store}`).join(', ')}), then ANALYZE (SQLite) or VACUUM ANALYZE (PostgreSQL), as autovacuum would soon after such a load; ${RUNS_NOTE}

${query}

### CSV export of every row (flat memory)

callsCsv, the generator behind \`GET /api/calls?format=csv\`: keyset batches of 1,000 rows read from the database and turned into text one after the other. RSS of the benchmark's process, sampled every 50 ms.

${csv}`;
}

const RUNS_NOTE =
  'each query 40 times after one warm-up run, through CallQueryService / ReportAggregatesService as the HTTP routes call them. `total` comes from the counts the database maintains (triggers on call_report); `filtered` as the API counts it by default (`count=estimate`: PostgreSQL\'s planner estimate, counted below 10,000 matches; SQLite scales the share of matches in a sample of 20,000 rows, counting up to 10,000 where that comes out low; a cursor page is not counted), the mode shown after each figure.';
