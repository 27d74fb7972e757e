/** Whether a logged-in queue session takes calls. */
export type PauseState =
  | { readonly status: 'active' }
  | { readonly status: 'paused'; readonly reason: string; readonly since: string };

/** One queue of one agent. */
export type QueueSession =
  | { readonly status: 'logged-out' }
  | {
      readonly status: 'logged-in';
      /** Where the membership lives: a logout or pause must go to the same PBX and interface. */
      readonly pbxId: string;
      readonly interface: string;
      readonly stateInterface: string;
      readonly memberName: string;
      readonly since: string;
      readonly pause: PauseState;
    };

/**
 * One agent, folded from its stream (agent-<id>). `unknown` until the stream has an event: a new
 * agent is simply logged out everywhere, so commands are decided on it all the same.
 */
export type AgentState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'known';
      readonly agentId: string;
      /** Queues the agent has ever touched; a queue not here is logged out. */
      readonly queues: Readonly<Record<string, QueueSession>>;
    };

const LOGGED_OUT: QueueSession = { status: 'logged-out' };

export function initialState(): AgentState {
  return { status: 'unknown' };
}

export function sessionIn(state: AgentState, queue: string): QueueSession {
  if (state.status === 'unknown') return LOGGED_OUT;
  // Own properties only: a queue named like an Object.prototype member must not match it.
  return Object.hasOwn(state.queues, queue) ? state.queues[queue] : LOGGED_OUT;
}

export function isLoggedIn(state: AgentState, queue: string): boolean {
  return sessionIn(state, queue).status === 'logged-in';
}

/** The queues the agent is logged in to, in the order they were first touched. */
export function loggedInQueues(state: AgentState): readonly string[] {
  if (state.status === 'unknown') return [];
  return Object.keys(state.queues).filter((q) => isLoggedIn(state, q));
}
