import type { AgentEvent } from '@switchboard/contracts';

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
  | 'not-logged-in';

export interface QueueOutcome {
  readonly queue: string;
  readonly result: QueueResult;
}

/** Where the agent stands on the command's queues after a ChangeQueueLogin: what the phone announces. */
export type LoginStatus = 'logged-in' | 'logged-out';

export interface Decision {
  /** To append, in order; empty when nothing changes (the outcomes say why). */
  readonly events: readonly AgentEvent[];
  /** One per queue the command touched, in the command's order. Empty for DisposeCall. */
  readonly outcomes: readonly QueueOutcome[];
  /** ChangeQueueLogin only. A toggle, login or logout leaves every named queue in one state,
   *  so this is the whole answer for the announcement, no-ops ("already …") included. */
  readonly status?: LoginStatus;
}
