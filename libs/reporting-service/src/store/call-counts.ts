import type { Kysely, Transaction } from 'kysely';
import type { ReportDatabase } from './schema';

/**
 * Row counts the projection maintains in `call_counts`, in the same transaction as the rows
 * (migration 0004), so the two scopes the API counts on every page cost one key lookup instead of
 * a COUNT(*) over the table: every row (`all`), and the rows attributed to one agent (an agent's
 * own calls: `agent:<id>`).
 */
export const ALL_CALLS = 'all';

export function agentCallsKey(agentId: string): string {
  return `agent:${agentId}`;
}

/** The columns that decide which counts a row is in. */
export interface CountedColumns {
  readonly user_id: string | null;
  readonly attribution: string;
}

/** The counts a stored row is part of. */
export function countKeysOf(row: CountedColumns): string[] {
  return row.attribution === 'agent' && row.user_id !== null ? [ALL_CALLS, agentCallsKey(row.user_id)] : [ALL_CALLS];
}

/** How each count changes when a row goes from `before` (undefined: new) to `after`. */
export function addCountDeltas(deltas: Map<string, number>, before: CountedColumns | undefined, after: CountedColumns): void {
  for (const key of before ? countKeysOf(before) : []) deltas.set(key, (deltas.get(key) ?? 0) - 1);
  for (const key of countKeysOf(after)) deltas.set(key, (deltas.get(key) ?? 0) + 1);
}

/**
 * Adds the deltas. Keys in sorted order: replicas' transactions lock the count rows in one order,
 * so they never deadlock; these are the last statements before the commit, so the hot `all` row is
 * held only for the commit itself.
 */
export async function applyCountDeltas(trx: Transaction<ReportDatabase>, deltas: ReadonlyMap<string, number>): Promise<void> {
  for (const key of [...deltas.keys()].sort()) {
    const delta = deltas.get(key) ?? 0;
    if (delta === 0) continue;
    await trx
      .insertInto('call_counts')
      .values({ key, calls: delta })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ calls: eb('call_counts.calls', '+', delta) })))
      .execute();
  }
}

export async function readCount(db: Kysely<ReportDatabase>, key: string): Promise<number> {
  const row = await db.selectFrom('call_counts').select('calls').where('key', '=', key).executeTakeFirst();
  return Number(row?.calls ?? 0);
}
