import type { PbxMembership, RequestChannel } from '@switchboard/contracts';

/** Whether a logged-in queue session takes calls. */
export type PauseState =
  | { readonly status: 'active' }
  | {
      readonly status: 'paused';
      readonly reason: string;
      readonly since: string;
      /** The reason's maximum length runs out then (EndExpiredPauses unpauses). */
      readonly until?: string;
    };

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
      /** Per queue, what the PBX last confirmed (or was repaired to): absent until it spoke. */
      readonly pbx: Readonly<Record<string, PbxView>>;
      /** Per queue, when it was last decided or repaired: a PBX snapshot older than that cannot
       *  show it yet, so reconciliation leaves that queue to the reactor. */
      readonly decidedAt: Readonly<Record<string, string>>;
      /** A pause and/or logout asked for during a call, applied when it ends. */
      readonly deferred?: DeferredRequests;
      /** Queue calls rung without an answer in a row (auto-logout policy); 0 after an answer. */
      readonly ringNoAnswer?: number;
      /** The last PBX snapshot that repaired this agent: the same snapshot never repairs twice. */
      readonly lastRepairSnapshot?: string;
      /** app_agent_pool: the AgentLogin() call the agent sits in; absent while it sits in none. */
      readonly pool?: AgentPoolSeat;
      /** When the seat last changed (the event's time): a PBX list asked for before then is older
       *  than what the stream knows, so it cannot repair the seat (ResyncAgentPool). */
      readonly poolChangedAt?: string;
    };

/** Where an app_agent_pool agent sits, as the PBX said (AMI AgentLogin). */
export interface AgentPoolSeat {
  readonly pbxId: string;
  /** The channel running AgentLogin(): the one AMI AgentLogoff hangs up. */
  readonly channel: string;
  /** Its device: the phone the pool's calls ring. */
  readonly device: string;
  readonly since: string;
}

export function poolSeatOf(state: AgentState): AgentPoolSeat | undefined {
  return state.status === 'known' ? state.pool : undefined;
}

export interface DeferredRequests {
  readonly pause?: { readonly queues?: readonly string[]; readonly reason: string; readonly maxMinutes?: number; readonly via: RequestChannel };
  readonly logout?: { readonly queues: readonly string[]; readonly via: RequestChannel };
}

/** A queue member as the PBX last showed it. */
export interface PbxView extends PbxMembership {
  readonly interface: string;
}

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

/** What the PBX must hold for a queue session: the member, paused or not, or no member. */
export function intendedMembership(session: QueueSession): PbxMembership {
  return session.status === 'logged-in'
    ? { member: 'present', paused: session.pause.status === 'paused' }
    : { member: 'absent', paused: false };
}

export function pbxViewOf(state: AgentState, queue: string): PbxView | undefined {
  if (state.status === 'unknown') return undefined;
  return Object.hasOwn(state.pbx, queue) ? state.pbx[queue] : undefined;
}

/** Whether the PBX has shown the current decision for this queue. */
export function isConfirmed(state: AgentState, queue: string): boolean {
  const session = sessionIn(state, queue);
  const view = pbxViewOf(state, queue);
  // The PBX never spoke of this queue: only a queue never decided needs nothing shown.
  if (!view) return session.status === 'logged-out' && decidedAtOf(state, queue) === undefined;
  return matches(session, view);
}

/** Whether a member as the PBX shows it is what the session wants. */
export function matches(session: QueueSession, observed: PbxMembership & { interface: string }): boolean {
  const intended = intendedMembership(session);
  if (intended.member !== observed.member) return false;
  if (session.status === 'logged-out') return true;
  return observed.interface === session.interface && observed.paused === intended.paused;
}

export function decidedAtOf(state: AgentState, queue: string): string | undefined {
  if (state.status === 'unknown') return undefined;
  return Object.hasOwn(state.decidedAt, queue) ? state.decidedAt[queue] : undefined;
}
