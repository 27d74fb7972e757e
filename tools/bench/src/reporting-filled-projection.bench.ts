import { syntheticStream, type ReportDb } from '@switchboard/reporting-service';
import { projectStream, type ProjectionFigures } from './reporting-projection.bench';
import { afterFilledTable } from './reporting-table';

export interface FilledProjectionFigures extends ProjectionFigures {
  readonly rowsBefore: number;
  readonly rowsAfter: number;
}

/** Batches of catch-up and rebuild: the size the fresh-table figures are compared with. */
const BATCH = 1000;

const countRows = async (db: ReportDb): Promise<number> =>
  Number((await db.selectFrom('call_report').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/**
 * Projection throughput into a large table: `calls` further calls projected at batches of 1,000
 * into the table fillCallTable left (`filledCalls` rows), as a catch-up meets it after months of
 * calls: deeper indexes, and the count triggers on a big table. Another seed and times after the
 * filled ones, so every call is a new row (checked: a run that updated rows would measure
 * something else).
 */
export async function runFilledProjectionBench(db: ReportDb, store: string, filledCalls: number, calls: number): Promise<FilledProjectionFigures> {
  const rowsBefore = await countRows(db);
  const figures = await projectStream(db, store, syntheticStream({ calls, seed: 9, startMs: afterFilledTable(filledCalls) }), BATCH);
  const rowsAfter = await countRows(db);
  // One queue per synthetic call: one new row each.
  if (rowsAfter - rowsBefore !== calls) {
    throw new Error(`projection into the filled table: ${rowsBefore} rows became ${rowsAfter}, expected ${calls} new ones`);
  }
  return { ...figures, rowsBefore, rowsAfter };
}
