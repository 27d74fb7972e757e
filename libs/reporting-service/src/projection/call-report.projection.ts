import { reduceCall, toCallRow, type CallFact, type CallState, type MemberContext } from '@switchboard/call-report';
import type { CallDisposed, PbxEvent, QueueMemberData } from '@switchboard/contracts';
import type { Transaction } from 'kysely';
import type { ReportDb } from '../store/open-report-db';
import type { ReportDatabase } from '../store/schema';

type Trx = Transaction<ReportDatabase>;

/**
 * Projects PBX call events and agent dispositions into the Report Call Table. Each fact is applied
 * in one transaction; the reducer is idempotent, so a redelivered fact changes nothing.
 */
export class CallReportProjection {
  constructor(private readonly db: ReportDb) {}

  async applyPbxEvent(event: PbxEvent): Promise<void> {
    switch (event.type) {
      case 'QueueMemberAdded':
      case 'QueueMemberPaused':
      case 'QueueMemberStatusChanged':
        return this.rememberMember(event.metadata.pbxId, event.data);
      case 'QueueCallerJoined':
      case 'QueueCallerLeft':
      case 'QueueCallerAbandoned':
      case 'AgentCalled':
      case 'AgentRingNoAnswer':
      case 'AgentCompleted':
        return this.db.transaction().execute((trx) =>
          this.applyToRow(trx, event.data.linkedid, event.data.queue, { kind: 'pbx', event }),
        );
      case 'AgentConnected':
        return this.db.transaction().execute(async (trx) => {
          const member = await this.memberContext(trx, event.metadata.pbxId, event.data.queue, event.data.interface);
          await this.applyToRow(trx, event.data.linkedid, event.data.queue, { kind: 'pbx', event, member });
        });
      case 'Hangup':
        // Hangups are frequent and mostly not queue calls: they only touch rows that exist.
        return this.db.transaction().execute((trx) =>
          this.applyToExistingRows(trx, event.data.linkedid, { kind: 'pbx', event }),
        );
      default:
        return;
    }
  }

  async applyDisposition(event: CallDisposed): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // Kept on its own so a row created later (disposition before the PBX events) still gets it.
      await trx
        .insertInto('call_dispositions')
        .values({ call_id: event.data.callId, event_json: JSON.stringify(event) })
        .onConflict((oc) => oc.column('call_id').doUpdateSet({ event_json: JSON.stringify(event) }))
        .execute();
      await this.applyToExistingRows(trx, event.data.callId, { kind: 'disposition', event });
    });
  }

  async agentLoggedIn(pbxId: string, stateInterface: string, queue: string, agentId: string): Promise<void> {
    await this.db
      .insertInto('phone_agents')
      .values({ pbx_id: pbxId, state_interface: stateInterface, queue, agent_id: agentId })
      .onConflict((oc) =>
        oc.columns(['pbx_id', 'queue', 'agent_id']).doUpdateSet({ state_interface: stateInterface }),
      )
      .execute();
  }

  async agentLoggedOut(pbxId: string, queue: string, agentId: string): Promise<void> {
    await this.db
      .deleteFrom('phone_agents')
      .where('pbx_id', '=', pbxId)
      .where('queue', '=', queue)
      .where('agent_id', '=', agentId)
      .execute();
  }

  private async rememberMember(pbxId: string, member: QueueMemberData): Promise<void> {
    if (!member.stateInterface) return;
    await this.db
      .insertInto('queue_members')
      .values({ pbx_id: pbxId, queue: member.queue, interface: member.interface, state_interface: member.stateInterface })
      .onConflict((oc) =>
        oc.columns(['pbx_id', 'queue', 'interface']).doUpdateSet({ state_interface: member.stateInterface }),
      )
      .execute();
  }

  /** Who answered: the member's device (its state interface) and the agent logged in on it. */
  private async memberContext(trx: Trx, pbxId: string, queue: string, iface: string): Promise<MemberContext> {
    const member = await trx
      .selectFrom('queue_members')
      .select('state_interface')
      .where('pbx_id', '=', pbxId)
      .where('queue', '=', queue)
      .where('interface', '=', iface)
      .executeTakeFirst();
    const stateInterface = member?.state_interface ?? iface;
    const agent = await trx
      .selectFrom('phone_agents')
      .select('agent_id')
      .where('pbx_id', '=', pbxId)
      .where('state_interface', '=', stateInterface)
      .orderBy('queue')
      .executeTakeFirst();
    return { stateInterface, agentId: agent?.agent_id ?? null };
  }

  private async applyToRow(trx: Trx, callId: string, queue: string, fact: CallFact): Promise<void> {
    const existing = await trx
      .selectFrom('call_report')
      .select('row_json')
      .where('call_id', '=', callId)
      .where('queue', '=', queue)
      .executeTakeFirst();
    const key = { callId, queue };
    let state = reduceCall(existing ? (JSON.parse(existing.row_json) as CallState) : undefined, fact, key);
    if (!existing) {
      const disposition = await trx
        .selectFrom('call_dispositions')
        .select('event_json')
        .where('call_id', '=', callId)
        .executeTakeFirst();
      if (disposition) {
        state = reduceCall(state, { kind: 'disposition', event: JSON.parse(disposition.event_json) as CallDisposed }, key);
      }
    }
    await this.writeRow(trx, state);
  }

  private async applyToExistingRows(trx: Trx, callId: string, fact: CallFact): Promise<void> {
    const rows = await trx.selectFrom('call_report').select(['row_json', 'queue']).where('call_id', '=', callId).execute();
    for (const r of rows) {
      await this.writeRow(trx, reduceCall(JSON.parse(r.row_json) as CallState, fact, { callId, queue: r.queue }));
    }
  }

  private async writeRow(trx: Trx, state: CallState): Promise<void> {
    const row = toCallRow(state);
    const columns = {
      pbx_id: row.pbxId,
      caller_number: row.callerNumber,
      entered_at: row.enteredAt,
      outcome: row.outcome,
      phone_id: row.phoneId,
      agent_id: row.agentId,
      user_id: row.userId,
      attribution: row.attribution,
      row_json: JSON.stringify(state),
    };
    await trx
      .insertInto('call_report')
      .values({ call_id: row.callId, queue: row.queue, ...columns })
      .onConflict((oc) => oc.columns(['call_id', 'queue']).doUpdateSet(columns))
      .execute();
  }
}
