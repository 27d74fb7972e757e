import type { AgentPoolLogin, AgentPoolLogoff } from '@switchboard/contracts';
import type { Transaction } from 'kysely';
import type { ReportDatabase } from '../store/schema';

type Trx = Transaction<ReportDatabase>;

/**
 * Where app_agent_pool agents sit (AMI AgentLogin/AgentLogoff), so a call answered by a pool
 * member (state interface Agent:<id>) is the phone of the agent's AgentLogin channel at the time.
 * Kept in queue_members under the empty queue name, as the device behind `Agent:<id>`: Asterisk
 * names no queue '', so it never meets a member row; and queue_members is a projection table, so a
 * rebuild replays the seats from the journal with the rest, in PBX order.
 */
const NO_QUEUE = '';
const POOL_STATE_INTERFACE = /^Agent:(.+)$/;

function stateInterfaceOf(agentId: string): string {
  return `Agent:${agentId}`;
}

/** Records a login or logoff; true when it changed what is known (then it is journaled). */
export async function rememberSeat(trx: Trx, event: AgentPoolLogin | AgentPoolLogoff): Promise<boolean> {
  const pbxId = event.metadata.pbxId;
  const iface = stateInterfaceOf(event.data.agentId);
  const known = await trx
    .selectFrom('queue_members')
    .select('state_interface')
    .where('pbx_id', '=', pbxId)
    .where('queue', '=', NO_QUEUE)
    .where('interface', '=', iface)
    .executeTakeFirst();
  if (event.type === 'AgentLogoff') {
    // A logoff of an older channel (a newer login already replaced it) is no news.
    if (known?.state_interface !== event.data.device) return false;
    await trx.deleteFrom('queue_members').where('pbx_id', '=', pbxId).where('queue', '=', NO_QUEUE).where('interface', '=', iface).execute();
    return true;
  }
  if (!event.data.device || known?.state_interface === event.data.device) return false;
  await trx
    .insertInto('queue_members')
    .values({ pbx_id: pbxId, queue: NO_QUEUE, interface: iface, state_interface: event.data.device })
    .onConflict((oc) => oc.columns(['pbx_id', 'queue', 'interface']).doUpdateSet({ state_interface: event.data.device }))
    .execute();
  return true;
}

/** The device of the AgentLogin channel behind an `Agent:<id>` state interface, if it is seated. */
export async function seatDeviceOf(trx: Trx, pbxId: string, stateInterface: string): Promise<string | undefined> {
  if (!POOL_STATE_INTERFACE.test(stateInterface)) return undefined;
  const seat = await trx
    .selectFrom('queue_members')
    .select('state_interface')
    .where('pbx_id', '=', pbxId)
    .where('queue', '=', NO_QUEUE)
    .where('interface', '=', stateInterface)
    .executeTakeFirst();
  return seat?.state_interface;
}
