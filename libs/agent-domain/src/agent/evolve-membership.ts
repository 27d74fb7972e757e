import { assertNever, type MembershipEvent } from '@switchboard/contracts';
import type { AgentState, PbxView } from './agent-state';

type KnownState = Extract<AgentState, { status: 'known' }>;

/** Folds what the PBX showed or was repaired to into the agent's view of the PBX. */
export function evolveMembership(
  known: KnownState,
  event: MembershipEvent,
  setView: (queue: string, view: PbxView) => KnownState,
): KnownState {
  switch (event.type) {
    case 'MembershipConfirmed': {
      const d = event.data;
      return setView(d.queue, { member: d.member, paused: d.paused, interface: d.interface });
    }
    case 'MembershipUnconfirmed':
      // A flag for people; the PBX view stays what it last was.
      return known;
    case 'MembershipRepaired': {
      // A repair is a decision, not a sighting: the PBX view changes when the PBX confirms it.
      const d = event.data;
      return {
        ...known,
        lastRepairSnapshot: d.snapshotId,
        decidedAt: { ...known.decidedAt, [d.queue]: d.at },
      };
    }
    default:
      return assertNever(event, 'membership event');
  }
}
