import {
  batchesOf,
  CallReportProjection,
  openReportDb,
  syntheticStream,
  type ReportDb,
  type StreamEntry,
} from '@switchboard/reporting-service';
import type { BenchStore } from './reporting-stores';

export interface ProjectionFigures {
  readonly store: string;
  readonly events: number;
  readonly batchSize: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/**
 * Projection throughput: the recorded stream (synthetic calls shaped like the captures, with
 * dispositions and sessions) through CallReportProjection.applyBatch, journal included, as a
 * catch-up or a rebuild runs it, into a fresh database.
 */
export async function runProjectionBench(store: BenchStore, calls: number, batchSize: number): Promise<ProjectionFigures> {
  const db = await openReportDb(store.url);
  try {
    return await projectStream(db, store.name, syntheticStream({ calls, seed: 5 }), batchSize);
  } finally {
    await db.destroy();
  }
}

/**
 * Projects `entries` into an open report database, whatever it already holds, in batches of
 * `batchSize`. Only the time inside applyBatch counts: generating the stream is the benchmark's
 * work, not the projection's.
 */
export async function projectStream(db: ReportDb, store: string, entries: Iterable<StreamEntry>, batchSize: number): Promise<ProjectionFigures> {
  const projection = new CallReportProjection(db);
  let spent = 0;
  let events = 0;
  for (const batch of batchesOf(entries, batchSize)) {
    const start = performance.now();
    await projection.applyBatch(batch.inputs, batch.checkpoints);
    spent += performance.now() - start;
    events += batch.entries;
  }
  return { store, events, batchSize, seconds: spent / 1000, eventsPerSecond: Math.round((events * 1000) / spent) };
}
