import type { Message, MessageMetadata } from './envelope';

export const AGENT_EVENT_SCHEMA_VERSION = 1;

/** How a decision was asked for: kept on every event for audit and reporting. */
export type RequestChannel = 'feature-code' | 'desktop' | 'api' | 'ivr' | 'supervisor' | 'system';

export interface AgentEventMetadata extends MessageMetadata {
  /** Id of the command that caused the event. */
  readonly causationId?: string;
}

type AgentMessage<T extends string, D> = Message<T, D, AgentEventMetadata>;

/** The queue membership Asterisk is asked to hold for a logged-in agent. */
export interface MemberBinding {
  readonly interface: string;
  readonly stateInterface: string;
  readonly memberName: string;
}

export type AgentLoggedIn = AgentMessage<
  'AgentLoggedIn',
  MemberBinding & {
    readonly agentId: string;
    readonly pbxId: string;
    readonly queue: string;
    readonly via: RequestChannel;
    readonly at: string;
    /** Added paused because a pause was pending (no add-then-pause ring race). */
    readonly paused: boolean;
    readonly pauseReason?: string;
  }
>;
export type AgentLoggedOut = AgentMessage<
  'AgentLoggedOut',
  {
    readonly agentId: string;
    readonly pbxId: string;
    readonly queue: string;
    readonly interface: string;
    readonly via: RequestChannel;
    readonly reason: string;
    readonly at: string;
  }
>;
export type AgentPaused = AgentMessage<
  'AgentPaused',
  {
    readonly agentId: string;
    readonly pbxId: string;
    readonly queue: string;
    readonly interface: string;
    readonly reason: string;
    readonly via: RequestChannel;
    readonly at: string;
    /** When the reason's maximum length runs out: an automatic unpause follows. */
    readonly until?: string;
  }
>;
export type AgentUnpaused = AgentMessage<
  'AgentUnpaused',
  {
    readonly agentId: string;
    readonly pbxId: string;
    readonly queue: string;
    readonly interface: string;
    readonly via: RequestChannel;
    readonly at: string;
    /** Set when nobody asked: 'max-pause-exceeded' (the reason's maximum length ran out). */
    readonly reason?: string;
  }
>;
/** The agent's disposition of a call from the desktop: what attributes the call to the agent. */
export type CallDisposed = AgentMessage<
  'CallDisposed',
  {
    readonly agentId: string;
    readonly callId: string;
    /** The PBX the call is on: a call id (Asterisk's Linkedid) is unique on one PBX only. Absent
     *  from dispositions recorded before it was added (then the call id alone says which call). */
    readonly pbxId?: string;
    readonly code: string;
    readonly note?: string;
    readonly at: string;
  }
>;

/** Whether Asterisk holds the member, and paused or not: what the PBX showed, or must show. */
export interface PbxMembership {
  readonly member: 'present' | 'absent';
  readonly paused: boolean;
}

/** Why an agent left its queues without asking: kept on AgentLoggedOut.reason. */
export type LogoutReason =
  | 'requested'
  | 'forced'
  | 'end-of-shift'
  | 'phone-unregistered'
  | 'ring-no-answer';
export const LOGOUT_REASONS: readonly LogoutReason[] = [
  'requested',
  'forced',
  'end-of-shift',
  'phone-unregistered',
  'ring-no-answer',
];

/** The PBX showed (QueueMemberAdded/Removed/Pause) what a recorded decision wanted. */
export type MembershipConfirmed = AgentMessage<
  'MembershipConfirmed',
  PbxMembership & {
    readonly agentId: string;
    readonly pbxId: string;
    readonly queue: string;
    readonly interface: string;
    readonly at: string;
  }
>;
/** A decision the PBX did not confirm after every retry: flagged for a person to look at. */
export type MembershipUnconfirmed = AgentMessage<
  'MembershipUnconfirmed',
  {
    readonly agentId: string;
    readonly pbxId: string;
    readonly queue: string;
    readonly interface: string;
    readonly expected: PbxMembership;
    readonly attempts: number;
    readonly at: string;
  }
>;

/**
 * Why reconciliation changed the PBX: a member no session holds (stale binding, astdb-persisted
 * member after a restart), a member of the agent on another interface than the session's, a
 * session whose member Asterisk lost, or a member paused otherwise than the session.
 */
export type RepairReason = 'no-session' | 'stale-binding' | 'missing-on-pbx' | 'pause-mismatch';
export type RepairAction = 'removed' | 'added' | 'paused' | 'unpaused';

/** Reconciliation made the PBX follow the session (the change itself is carried out after). */
export type MembershipRepaired = AgentMessage<
  'MembershipRepaired',
  {
    readonly agentId: string;
    readonly pbxId: string;
    readonly queue: string;
    readonly interface: string;
    readonly repair: RepairAction;
    readonly reason: RepairReason;
    /** For 'added': the member as the session holds it. */
    readonly stateInterface?: string;
    readonly memberName?: string;
    readonly pauseReason?: string;
    /** The PBX snapshot compared: the same snapshot never repairs a queue twice. */
    readonly snapshotId: string;
    readonly at: string;
  }
>;

/** The agent's decisions and dispositions: what reporting and other consumers follow. */
export type AgentEvent = AgentLoggedIn | AgentLoggedOut | AgentPaused | AgentUnpaused | CallDisposed;
export type AgentEventType = AgentEvent['type'];
export const AGENT_EVENT_TYPES: readonly AgentEventType[] = [
  'AgentLoggedIn',
  'AgentLoggedOut',
  'AgentPaused',
  'AgentUnpaused',
  'CallDisposed',
];

/**
 * How the PBX followed the decisions: confirmations, flags and reconciliation repairs. Kept apart
 * from AgentEvent so consumers that switch exhaustively over decisions (reporting) are not forced
 * to handle them; both live on the agent's stream and the Agent decider folds both.
 */
export type MembershipEvent = MembershipConfirmed | MembershipUnconfirmed | MembershipRepaired;
export type MembershipEventType = MembershipEvent['type'];
export const MEMBERSHIP_EVENT_TYPES: readonly MembershipEventType[] = [
  'MembershipConfirmed',
  'MembershipUnconfirmed',
  'MembershipRepaired',
];

/** A queue rang the agent and nobody answered (AgentRingNoAnswer): `count` in a row. */
export type RingNoAnswerCounted = AgentMessage<
  'RingNoAnswerCounted',
  { readonly agentId: string; readonly queue: string; readonly count: number; readonly at: string }
>;
/** The agent answered a queue call: the ring-no-answer count starts again. */
export type RingNoAnswerCountReset = AgentMessage<
  'RingNoAnswerCountReset',
  { readonly agentId: string; readonly queue: string; readonly at: string }
>;
/** A pause asked for while the agent was in a call: applied when the call ends. */
export type PauseDeferred = AgentMessage<
  'PauseDeferred',
  {
    readonly agentId: string;
    /** Absent: every queue the agent is logged in to when the call ends. */
    readonly queues?: readonly string[];
    readonly reason: string;
    readonly maxMinutes?: number;
    readonly via: RequestChannel;
    readonly at: string;
  }
>;
/** A logout asked for while the agent was in a call: applied when the call ends. */
export type LogoutDeferred = AgentMessage<
  'LogoutDeferred',
  { readonly agentId: string; readonly queues: readonly string[]; readonly via: RequestChannel; readonly at: string }
>;
/** The call ended: the deferred pause and logout are applied now (the events that follow). */
export type DeferredReleased = AgentMessage<'DeferredReleased', { readonly agentId: string; readonly at: string }>;

/** What the auto-logout policies and deferrals need to remember between PBX events. */
export type AgentPolicyEvent =
  | RingNoAnswerCounted
  | RingNoAnswerCountReset
  | PauseDeferred
  | LogoutDeferred
  | DeferredReleased;

/**
 * The agent sat down in app_agent_pool (AMI AgentLogin): a call from `device` runs AgentLogin(),
 * and the pool's queue calls ring there. Recorded from the PBX, not decided: where the agent's
 * member (Local/<id>@agent-pool/n) actually rings.
 */
export type AgentPoolLoggedIn = AgentMessage<
  'AgentPoolLoggedIn',
  {
    readonly agentId: string;
    readonly pbxId: string;
    /** The channel that runs AgentLogin() (SIP/1001-00000003): what AMI AgentLogoff hangs up. */
    readonly channel: string;
    /** Its device (SIP/1001): the phone the pool's calls ring. */
    readonly device: string;
    readonly at: string;
    /** Set when no AgentLogin event told it: a PBX snapshot showed the seat (see AgentPoolResyncReason). */
    readonly reason?: AgentPoolResyncReason;
  }
>;
/** That AgentLogin() call ended (AMI AgentLogoff): the pool gives the agent no calls until the next. */
export type AgentPoolLoggedOut = AgentMessage<
  'AgentPoolLoggedOut',
  {
    readonly agentId: string;
    readonly pbxId: string;
    readonly channel: string;
    /** AgentLogoff's Logintime: how long the agent sat in the pool (after a resync: at most this long). */
    readonly logintimeSeconds: number;
    readonly at: string;
    /** Set when no AgentLogoff event told it: a PBX snapshot no longer showed the seat. */
    readonly reason?: AgentPoolResyncReason;
  }
>;

/** `pbx-resync`: the AgentLogin/AgentLogoff was missed (the gateway was away); an AMI Agents list told. */
export type AgentPoolResyncReason = 'pbx-resync';

/** Where an app_agent_pool agent sits; apart from AgentEvent like the membership events. */
export type AgentPoolEvent = AgentPoolLoggedIn | AgentPoolLoggedOut;
export type AgentPoolEventType = AgentPoolEvent['type'];
export const AGENT_POOL_EVENT_TYPES: readonly AgentPoolEventType[] = ['AgentPoolLoggedIn', 'AgentPoolLoggedOut'];

/** Every event of an agent stream (agent-<id>). */
export type AgentStreamEvent = AgentEvent | MembershipEvent | AgentPolicyEvent | AgentPoolEvent;

export function isAgentEvent(value: { type: string }): value is AgentEvent {
  return (AGENT_EVENT_TYPES as readonly string[]).includes(value.type);
}

/**
 * What other consumers hear on agent.<id>.status.<type> (subjects.agentStatus) after an agent
 * event is appended. PhoneClaimed/PhoneReleased are published by the phone side.
 */
export type AgentStatusType =
  | 'LoggedIn'
  | 'LoggedOut'
  | 'Paused'
  | 'Unpaused'
  | 'PhoneClaimed'
  | 'PhoneReleased';

export interface AgentStatusChanged {
  readonly type: AgentStatusType;
  readonly agentId: string;
  readonly queue?: string;
  readonly phoneId?: string;
  /** LoggedIn: joined paused (a pause was pending). */
  readonly paused?: boolean;
  readonly reason?: string;
  readonly via: RequestChannel;
  readonly at: string;
  readonly occurredAt: string;
  readonly correlationId?: string;
}
