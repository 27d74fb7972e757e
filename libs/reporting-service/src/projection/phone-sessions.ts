import type { AgentLoggedIn, AgentLoggedOut } from '@switchboard/contracts';
import type { Transaction } from 'kysely';
import type { ReportDatabase } from '../store/schema';

type Trx = Transaction<ReportDatabase>;

/**
 * Agents' sessions on phones with their times (migration 0008), so the agent of a call is the one
 * logged in on the answering phone when it answered, not when the projection got to the event:
 * the same agent whichever order the PBX and agent events are applied in (a lone PBX event whose
 * transaction failed is redelivered after later ones; the two logs are followed apart).
 */
export interface PhoneSession {
  readonly queue: string;
  readonly agentId: string;
  readonly loggedInAt: string;
  readonly loggedOutAt: string | null;
}

/**
 * A phone whose sessions changed from `from` on: the agent of a call answered there at or after
 * `from` may now be another one (or none), so rows the projection already wrote are looked at
 * again (answered-rows-agents.ts).
 */
export interface SessionChange {
  readonly stateInterface: string;
  readonly from: string;
}

/** How long ended sessions are kept: JetStream keeps PBX events 7 days, none comes later. */
const KEEP_ENDED_MS = 8 * 86_400_000;

/** Records a login; answers the phones whose sessions changed (none for a redelivery). */
export async function openSession(trx: Trx, event: AgentLoggedIn): Promise<SessionChange[]> {
  const d = event.data;
  // A login without a logout (the agent moved to another phone) ends the session before it.
  const ended = await trx
    .updateTable('phone_sessions')
    .set({ logged_out_at: d.at })
    .where('pbx_id', '=', d.pbxId)
    .where('queue', '=', d.queue)
    .where('agent_id', '=', d.agentId)
    .where('logged_in_at', '<', d.at)
    .where('logged_out_at', 'is', null)
    .returning('state_interface')
    .execute();
  // Returns the row only when it was inserted: a redelivered login changes nothing.
  const opened = await trx
    .insertInto('phone_sessions')
    .values({ pbx_id: d.pbxId, state_interface: d.stateInterface, queue: d.queue, agent_id: d.agentId, logged_in_at: d.at, logged_out_at: null })
    .onConflict((oc) => oc.columns(['pbx_id', 'queue', 'agent_id', 'logged_in_at']).doNothing())
    .returning('state_interface')
    .execute();
  return changesAt([...ended, ...opened], d.at);
}

/** Records a logout; answers the phones whose sessions changed (none for a redelivery). */
export async function closeSession(trx: Trx, event: AgentLoggedOut): Promise<SessionChange[]> {
  const d = event.data;
  const ended = await trx
    .updateTable('phone_sessions')
    .set({ logged_out_at: d.at })
    .where('pbx_id', '=', d.pbxId)
    .where('queue', '=', d.queue)
    .where('agent_id', '=', d.agentId)
    .where('logged_in_at', '<=', d.at)
    .where('logged_out_at', 'is', null)
    .returning('state_interface')
    .execute();
  const keepFrom = new Date(Date.parse(d.at) - KEEP_ENDED_MS).toISOString();
  // By the primary key's prefix (pbx, queue, agent): by agent alone it read the whole table on
  // SQLite at every logout. Each queue's logout clears that queue's old sessions.
  await trx
    .deleteFrom('phone_sessions')
    .where('pbx_id', '=', d.pbxId)
    .where('queue', '=', d.queue)
    .where('agent_id', '=', d.agentId)
    .where('logged_out_at', '<', keepFrom)
    .execute();
  return changesAt(ended, d.at);
}

function changesAt(rows: ReadonlyArray<{ state_interface: string }>, from: string): SessionChange[] {
  return [...new Set(rows.map((r) => r.state_interface))].map((stateInterface) => ({ stateInterface, from }));
}

/** Every session known on one phone (its state interface), oldest first. */
export async function sessionsOnPhone(trx: Trx, pbxId: string, stateInterface: string): Promise<PhoneSession[]> {
  const rows = await trx
    .selectFrom('phone_sessions')
    .select(['queue', 'agent_id', 'logged_in_at', 'logged_out_at'])
    .where('pbx_id', '=', pbxId)
    .where('state_interface', '=', stateInterface)
    .orderBy('logged_in_at')
    .execute();
  return rows.map((r) => ({ queue: r.queue, agentId: r.agent_id, loggedInAt: r.logged_in_at, loggedOutAt: r.logged_out_at }));
}

/** Code-point order, as the databases' binary collation sorts. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The agent logged in on the phone at `at` (ISO 8601 UTC; compared as text, like every time in
 * the report database). Several (one per queue, or two agents on one phone): the first by queue
 * then agent, as before sessions had times.
 */
export function agentAt(sessions: readonly PhoneSession[], at: string): string | null {
  const on = sessions
    .filter((s) => s.loggedInAt <= at && (s.loggedOutAt === null || s.loggedOutAt > at))
    .sort((a, b) => byText(a.queue, b.queue) || byText(a.agentId, b.agentId));
  return on[0]?.agentId ?? null;
}
