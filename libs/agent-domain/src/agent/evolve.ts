import { assertNever, type AgentStreamEvent } from '@switchboard/contracts';
import type { AgentState, PbxView, QueueSession } from './agent-state';
import { evolveDeferred } from './evolve-deferred';
import { evolveMembership } from './evolve-membership';

type KnownState = Extract<AgentState, { status: 'known' }>;

/**
 * evolve(state, event) → state. Total: an event that no longer applies (a pause for a queue the
 * agent has left) changes nothing, because recorded history is never refused. The stream is the
 * agent's identity, so the first event names the agent.
 */
export function evolve(state: AgentState, event: AgentStreamEvent): AgentState {
  const known: KnownState =
    state.status === 'known'
      ? state
      : { status: 'known', agentId: event.data.agentId, queues: {}, pbx: {}, decidedAt: {} };
  // Every decision about a queue is stamped with its time (see AgentState.decidedAt).
  const set = (queue: string, session: QueueSession): KnownState => ({
    ...known,
    queues: { ...known.queues, [queue]: session },
    decidedAt: { ...known.decidedAt, [queue]: event.data.at },
  });
  const loggedIn = (queue: string) => {
    const session = Object.hasOwn(known.queues, queue) ? known.queues[queue] : undefined;
    return session?.status === 'logged-in' ? session : undefined;
  };
  switch (event.type) {
    case 'AgentLoggedIn': {
      const d = event.data;
      return set(d.queue, {
        status: 'logged-in',
        pbxId: d.pbxId,
        interface: d.interface,
        stateInterface: d.stateInterface,
        memberName: d.memberName,
        since: d.at,
        pause: d.paused
          ? { status: 'paused', reason: d.pauseReason ?? '', since: d.at }
          : { status: 'active' },
      });
    }
    case 'AgentLoggedOut':
      return set(event.data.queue, { status: 'logged-out' });
    case 'AgentPaused': {
      const session = loggedIn(event.data.queue);
      if (!session) return known;
      return set(event.data.queue, {
        ...session,
        pause: {
          status: 'paused',
          reason: event.data.reason,
          since: event.data.at,
          ...(event.data.until !== undefined ? { until: event.data.until } : {}),
        },
      });
    }
    case 'AgentUnpaused': {
      const session = loggedIn(event.data.queue);
      if (!session) return known;
      return set(event.data.queue, { ...session, pause: { status: 'active' } });
    }
    case 'CallDisposed':
      // Attribution is the report's business; the agent's own state does not change.
      return known;
    case 'RingNoAnswerCounted':
      return { ...known, ringNoAnswer: event.data.count };
    case 'RingNoAnswerCountReset':
      return { ...known, ringNoAnswer: 0 };
    case 'PauseDeferred':
    case 'LogoutDeferred':
    case 'DeferredReleased':
      return evolveDeferred(known, event);
    case 'AgentPoolLoggedIn': {
      const d = event.data;
      return { ...known, pool: { pbxId: d.pbxId, channel: d.channel, device: d.device, since: d.at }, poolChangedAt: event.metadata.occurredAt };
    }
    case 'AgentPoolLoggedOut': {
      if (known.pool?.channel !== event.data.channel) return known;
      // Absent, not undefined: a seat nobody holds is no field at all (AgentState.pool).
      const unseated: { -readonly [K in keyof KnownState]: KnownState[K] } = { ...known, poolChangedAt: event.metadata.occurredAt };
      delete unseated.pool;
      return unseated;
    }
    case 'MembershipConfirmed':
    case 'MembershipUnconfirmed':
    case 'MembershipRepaired':
      return evolveMembership(known, event, (queue: string, view: PbxView) => ({
        ...known,
        pbx: { ...known.pbx, [queue]: view },
      }));
    default:
      return assertNever(event, 'agent event');
  }
}
