import type { CompiledQuery, Kysely } from 'kysely';
import type { ReportEngine } from './open-report-db';
import type { ReportDatabase } from './schema';

/** A multi-row statement as Kysely builds it, for the rows given. */
type BuildStatement<R> = (db: Kysely<ReportDatabase>, rows: readonly R[]) => {
  compile(): CompiledQuery;
  execute(): Promise<unknown>;
};

/** Rows per statement on PostgreSQL: under its bound-parameter limit. */
const POSTGRES_CHUNK = 400;
/** Marks a placeholder value when a statement is compiled; never a value of a real row. */
const SLOT = '\u0000batched-upsert-slot:';
/** Statement sizes on SQLite, largest first: any number of rows is written with these. */
const SQLITE_SIZES = [64, 8, 1] as const;

/**
 * Writes many rows with one multi-row statement (an upsert, usually) per part, as the
 * projection's batches do.
 *
 * On SQLite the statements are compiled once per size, not per batch: building and compiling a
 * few hundred rows' statement in Kysely cost more than SQLite took to run it, and every batch
 * had another row count, so SQLite prepared a new statement of thousands of parameters each
 * time. Here a batch is written with statements of 64, 8 and 1 rows, each compiled by Kysely
 * once (so plugins such as a rebuild's table renaming apply) and prepared once by the driver,
 * then run with each batch's values. PostgreSQL runs the statement built for each part: a
 * round trip costs more there than building it, and its driver prepares nothing.
 */
export class BatchedUpsert<R extends object> {
  /** size → the statement and, for each of its parameters, which row and column it takes. */
  private readonly compiled = new Map<number, { statement: CompiledQuery; slots: ReadonlyArray<readonly [number, string] | undefined> }>();

  constructor(private readonly build: BuildStatement<R>) {}

  async run(db: Kysely<ReportDatabase>, engine: ReportEngine, rows: readonly R[]): Promise<void> {
    if (engine === 'postgres') {
      for (let i = 0; i < rows.length; i += POSTGRES_CHUNK) await this.build(db, rows.slice(i, i + POSTGRES_CHUNK)).execute();
      return;
    }
    let at = 0;
    for (const size of SQLITE_SIZES) {
      for (; rows.length - at >= size; at += size) {
        const { statement, slots } = this.statement(db, size, rows[at] as R);
        const parameters = statement.parameters.map((fixed, p) => {
          const slot = slots[p];
          if (!slot) return fixed;
          // undefined would leave a column out in Kysely (its default); bound, it is NULL.
          return (rows[at + slot[0]] as Record<string, unknown>)[slot[1]] ?? null;
        });
        await db.executeQuery({ ...statement, parameters });
      }
    }
  }

  /** The statement for `size` rows shaped like `sample`, compiled with a placeholder per value. */
  private statement(db: Kysely<ReportDatabase>, size: number, sample: R) {
    let entry = this.compiled.get(size);
    if (!entry) {
      const columns = Object.keys(sample);
      const token = (row: number, column: number) => `${SLOT}${row}:${column}`;
      const placeholders = Array.from({ length: size }, (_, r) => Object.fromEntries(columns.map((c, i) => [c, token(r, i)])) as unknown as R);
      const statement = this.build(db, placeholders).compile();
      // Where Kysely put each value, found by its placeholder rather than assumed.
      const slots = statement.parameters.map((p) => {
        const m = typeof p === 'string' && p.startsWith(SLOT) ? /(\d+):(\d+)$/.exec(p) : null;
        return m ? ([Number(m[1]), columns[Number(m[2])] as string] as const) : undefined;
      });
      if (slots.filter(Boolean).length !== size * columns.length) throw new Error('BatchedUpsert: a value of the statement is not bound as a parameter');
      entry = { statement, slots };
      this.compiled.set(size, entry);
    }
    return entry;
  }
}
