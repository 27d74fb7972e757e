import type { AgentStreamEvent } from '@switchboard/contracts';

/** What happened to one queue; a command over several queues reports each. */
export type QueueResult =
  | 'logged-in'
  | 'logged-out'
  | 'already-logged-in'
  | 'already-logged-out'
  | 'paused'
  | 'unpaused'
  | 'already-paused'
  | 'not-paused'
  | 'not-logged-in'
  /** The PBX showed what the session wants (RecordPbxMembership). */
  | 'confirmed'
  /** The PBX showed something else, or this was already confirmed: nothing recorded. */
  | 'not-confirmed'
  | 'flagged'
  /** Reconcile: the PBX was told to follow the session / already agreed with it. */
  | 'repaired'
  | 'in-step'
  /** Reconcile: decided after the snapshot settled, so left to the reactor. */
  | 'pending'
  /** Pause or logout asked for during a call: applied when the call ends. */
  | 'deferred';

export interface QueueOutcome {
  readonly queue: string;
  readonly result: QueueResult;
}

/** Where the agent stands on the command's queues after a ChangeQueueLogin: what the phone announces. */
export type LoginStatus = 'logged-in' | 'logged-out';

export interface Decision {
  /** To append, in order; empty when nothing changes (the outcomes say why). */
  readonly events: readonly AgentStreamEvent[];
  /** One per queue the command touched, in the command's order. Empty for DisposeCall. */
  readonly outcomes: readonly QueueOutcome[];
  /** ChangeQueueLogin only. A toggle, login or logout leaves every named queue in one state,
   *  so this is the whole answer for the announcement, no-ops ("already …") included. */
  readonly status?: LoginStatus;
}
