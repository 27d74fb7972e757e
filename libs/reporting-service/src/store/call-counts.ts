import type { Kysely } from 'kysely';
import type { ReportDatabase } from './schema';

/**
 * Row counts the database maintains in `call_totals` with triggers on call_report (migration
 * 0006), whoever writes the rows, so the two scopes the API counts on every page cost one key
 * lookup instead of a COUNT(*) over the table: every row (`all`), and the rows attributed to one
 * agent (an agent's own calls: `agent:<id>`).
 */
export const ALL_CALLS = 'all';

export function agentCallsKey(agentId: string): string {
  return `agent:${agentId}`;
}

export async function readCount(db: Kysely<ReportDatabase>, key: string): Promise<number> {
  const row = await db.selectFrom('call_totals').select('calls').where('key', '=', key).executeTakeFirst();
  return Number(row?.calls ?? 0);
}
