import type { AgentPoolLogin, AgentPoolLogoff } from '@switchboard/contracts';
import type { Transaction } from 'kysely';
import type { ReportDatabase } from '../store/schema';
import { forgetMember, memberStateInterface, recordMember } from './queue-members';

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
  const known = await memberStateInterface(trx, pbxId, NO_QUEUE, iface);
  if (event.type === 'AgentLogoff') {
    // A logoff of an older channel (a newer login already replaced it) is no news.
    if (known !== event.data.device) return false;
    await forgetMember(trx, pbxId, NO_QUEUE, iface);
    return true;
  }
  if (!event.data.device || known === event.data.device) return false;
  await recordMember(trx, pbxId, NO_QUEUE, iface, event.data.device);
  return true;
}

/** The device of the AgentLogin channel behind an `Agent:<id>` state interface, if it is seated. */
export async function seatDeviceOf(trx: Trx, pbxId: string, stateInterface: string): Promise<string | undefined> {
  if (!POOL_STATE_INTERFACE.test(stateInterface)) return undefined;
  return memberStateInterface(trx, pbxId, NO_QUEUE, stateInterface);
}
