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

/** How long ended sessions are kept: JetStream keeps PBX events 7 days, none comes later. */
const KEEP_ENDED_MS = 8 * 86_400_000;

export async function openSession(trx: Trx, event: AgentLoggedIn): Promise<void> {
  const d = event.data;
  // A login without a logout (the agent moved to another phone) ends the session before it.
  await trx
    .updateTable('phone_sessions')
    .set({ logged_out_at: d.at })
    .where('pbx_id', '=', d.pbxId)
    .where('queue', '=', d.queue)
    .where('agent_id', '=', d.agentId)
    .where('logged_in_at', '<', d.at)
    .where('logged_out_at', 'is', null)
    .execute();
  await trx
    .insertInto('phone_sessions')
    .values({ pbx_id: d.pbxId, state_interface: d.stateInterface, queue: d.queue, agent_id: d.agentId, logged_in_at: d.at, logged_out_at: null })
    .onConflict((oc) => oc.columns(['pbx_id', 'queue', 'agent_id', 'logged_in_at']).doNothing())
    .execute();
}

export async function closeSession(trx: Trx, event: AgentLoggedOut): Promise<void> {
  const d = event.data;
  await trx
    .updateTable('phone_sessions')
    .set({ logged_out_at: d.at })
    .where('pbx_id', '=', d.pbxId)
    .where('queue', '=', d.queue)
    .where('agent_id', '=', d.agentId)
    .where('logged_in_at', '<=', d.at)
    .where('logged_out_at', 'is', null)
    .execute();
  const keepFrom = new Date(Date.parse(d.at) - KEEP_ENDED_MS).toISOString();
  await trx.deleteFrom('phone_sessions').where('agent_id', '=', d.agentId).where('logged_out_at', '<', keepFrom).execute();
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
