import type { Transaction } from 'kysely';
import type { ReportDatabase } from '../store/schema';

type Trx = Transaction<ReportDatabase>;

/**
 * queue_members: the device (state interface) behind each member interface of a queue, as the
 * PBX announced it (QueueMemberAdded/Status/Paused), and the pooled agents' seats under the
 * queue '' (agent-pool-seats.ts). Every reader and writer of the table goes through here.
 */
export async function memberStateInterface(trx: Trx, pbxId: string, queue: string, iface: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('queue_members')
    .select('state_interface')
    .where('pbx_id', '=', pbxId)
    .where('queue', '=', queue)
    .where('interface', '=', iface)
    .executeTakeFirst();
  return row?.state_interface;
}

export async function recordMember(trx: Trx, pbxId: string, queue: string, iface: string, stateInterface: string): Promise<void> {
  await trx
    .insertInto('queue_members')
    .values({ pbx_id: pbxId, queue, interface: iface, state_interface: stateInterface })
    .onConflict((oc) => oc.columns(['pbx_id', 'queue', 'interface']).doUpdateSet({ state_interface: stateInterface }))
    .execute();
}

export async function forgetMember(trx: Trx, pbxId: string, queue: string, iface: string): Promise<void> {
  await trx.deleteFrom('queue_members').where('pbx_id', '=', pbxId).where('queue', '=', queue).where('interface', '=', iface).execute();
}
