import type { AgentEvent } from '@switchboard/contracts';
import { assertNever } from '@switchboard/contracts';

export type PauseState =
  | { readonly status: 'active' }
  | { readonly status: 'paused'; readonly reason: string; readonly since: string };

/** One queue of one agent. */
export type QueueSession =
  | { readonly status: 'logged-out' }
  | {
      readonly status: 'logged-in';
      readonly pbxId: string;
      readonly interface: string;
      readonly stateInterface: string;
      readonly memberName: string;
      readonly since: string;
      readonly pause: PauseState;
    };

export interface AgentState {
  /** Queues the agent has ever touched; a queue not here is logged out. */
  readonly queues: Readonly<Record<string, QueueSession>>;
}

const LOGGED_OUT: QueueSession = { status: 'logged-out' };

export function initialState(): AgentState {
  return { queues: {} };
}

export function sessionIn(state: AgentState, queue: string): QueueSession {
  return state.queues[queue] ?? LOGGED_OUT;
}

export function isLoggedIn(state: AgentState, queue: string): boolean {
  return sessionIn(state, queue).status === 'logged-in';
}

export function evolve(state: AgentState, event: AgentEvent): AgentState {
  const set = (queue: string, session: QueueSession): AgentState => ({ queues: { ...state.queues, [queue]: session } });
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
        pause: d.paused ? { status: 'paused', reason: d.pauseReason ?? '', since: d.at } : { status: 'active' },
      });
    }
    case 'AgentLoggedOut':
      return set(event.data.queue, LOGGED_OUT);
    case 'AgentPaused': {
      const session = sessionIn(state, event.data.queue);
      if (session.status !== 'logged-in') return state;
      return set(event.data.queue, { ...session, pause: { status: 'paused', reason: event.data.reason, since: event.data.at } });
    }
    case 'AgentUnpaused': {
      const session = sessionIn(state, event.data.queue);
      if (session.status !== 'logged-in') return state;
      return set(event.data.queue, { ...session, pause: { status: 'active' } });
    }
    case 'CallDisposed':
      return state;
    default:
      return assertNever(event, 'agent event');
  }
}
