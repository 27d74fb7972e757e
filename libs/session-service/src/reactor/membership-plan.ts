import {
  assertNever,
  type AgentStreamEvent,
  type PbxAction,
  type PbxMembership,
} from '@switchboard/contracts';

/** One queue member the PBX must be made to hold (or not), and the action that does it. */
export interface MembershipPlan {
  readonly agentId: string;
  readonly pbxId: string;
  readonly queue: string;
  readonly interface: string;
  readonly action: PbxAction;
  /** What the PBX shows once the action took effect: the confirmation awaited. */
  readonly expected: PbxMembership;
}

/**
 * The PBX action that carries a recorded event out, or null for events that ask nothing of the
 * PBX. Members join paused where a pause is pending (AgentLoggedIn.paused), in the QueueAdd
 * itself: an add followed by a pause would leave a moment in which Asterisk offers a call.
 */
export function membershipPlanFor(event: AgentStreamEvent): MembershipPlan | null {
  const base = (d: { agentId: string; pbxId: string; queue: string; interface: string }) => ({
    agentId: d.agentId,
    pbxId: d.pbxId,
    queue: d.queue,
    interface: d.interface,
  });
  switch (event.type) {
    case 'AgentLoggedIn': {
      const d = event.data;
      return {
        ...base(d),
        action: {
          action: 'QueueAdd',
          queue: d.queue,
          interface: d.interface,
          memberName: d.memberName,
          stateInterface: d.stateInterface,
          paused: d.paused,
          ...(d.paused && d.pauseReason !== undefined ? { reason: d.pauseReason } : {}),
        },
        expected: { member: 'present', paused: d.paused },
      };
    }
    case 'AgentLoggedOut':
      return removal(base(event.data));
    case 'AgentPaused':
      return pause(base(event.data), true, event.data.reason);
    case 'AgentUnpaused':
      return pause(base(event.data), false, event.data.reason);
    case 'MembershipRepaired': {
      const d = event.data;
      switch (d.repair) {
        case 'removed':
          return removal(base(d));
        case 'added':
          return {
            ...base(d),
            action: {
              action: 'QueueAdd',
              queue: d.queue,
              interface: d.interface,
              memberName: d.memberName ?? d.interface,
              stateInterface: d.stateInterface ?? d.interface,
              paused: d.pauseReason !== undefined,
              ...(d.pauseReason !== undefined ? { reason: d.pauseReason } : {}),
            },
            expected: { member: 'present', paused: d.pauseReason !== undefined },
          };
        case 'paused':
          return pause(base(d), true, d.pauseReason);
        case 'unpaused':
          return pause(base(d), false, undefined);
        default:
          return assertNever(d.repair, 'repair');
      }
    }
    case 'CallDisposed':
    case 'MembershipConfirmed':
    case 'MembershipUnconfirmed':
    case 'RingNoAnswerCounted':
    case 'RingNoAnswerCountReset':
    case 'PauseDeferred':
    case 'LogoutDeferred':
    case 'DeferredReleased':
    case 'AgentPoolLoggedIn':
    case 'AgentPoolLoggedOut':
      // The pool seat is recorded from the PBX (AgentLogin/AgentLogoff): nothing to carry out.
      return null;
    default:
      return assertNever(event, 'agent stream event');
  }
}

type Target = Pick<MembershipPlan, 'agentId' | 'pbxId' | 'queue' | 'interface'>;

function removal(target: Target): MembershipPlan {
  return {
    ...target,
    action: { action: 'QueueRemove', queue: target.queue, interface: target.interface },
    expected: { member: 'absent', paused: false },
  };
}

function pause(target: Target, paused: boolean, reason: string | undefined): MembershipPlan {
  return {
    ...target,
    action: {
      action: 'QueuePause',
      queue: target.queue,
      interface: target.interface,
      paused,
      ...(reason !== undefined ? { reason } : {}),
    },
    expected: { member: 'present', paused },
  };
}
