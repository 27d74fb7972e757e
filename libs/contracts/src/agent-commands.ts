import type { LogoutReason, MemberBinding, PbxMembership, RequestChannel } from './agent-events';

/** Whether a login number toggles, or forces one direction (number + 1, number + 0). */
export type LoginMode = 'toggle' | 'login' | 'logout';

interface CommandBase {
  readonly commandId: string;
  readonly agentId: string;
  /** Time of the request; deciders never read a clock. */
  readonly at: string;
  readonly via: RequestChannel;
  readonly correlationId?: string;
}

export type AgentCommand =
  | (CommandBase & {
      readonly type: 'ChangeQueueLogin';
      readonly pbxId: string;
      readonly mode: LoginMode;
      /** The queues the login number covers (one queue, or all the agent's queues). */
      readonly queues: readonly string[];
      readonly binding: MemberBinding;
      /** Log in paused with this reason (the agent asked to start on a break). */
      readonly pauseReason?: string;
      /** The agent's member is in a call now (the PBX said so): a logout waits for its end. */
      readonly inCall?: boolean;
    })
  | (CommandBase & {
      readonly type: 'Pause';
      readonly queues?: readonly string[];
      readonly reason: string;
      /** The reason's maximum length (directory pauseReasons): the pause ends by itself after. */
      readonly maxMinutes?: number;
      /** The agent's member is in a call now (the PBX said so): the pause waits for its end. */
      readonly inCall?: boolean;
    })
  /** The agent's queue call ended (AgentComplete): deferred pauses and logouts apply now. */
  | (CommandBase & { readonly type: 'ReleaseDeferred' })
  /** The PBX rang the agent for a queue call: answered, or not (AgentConnect / AgentRingNoAnswer).
   *  `maxRingNoAnswer` in a row log the agent out of every queue; 0: never. */
  | (CommandBase & {
      readonly type: 'RecordQueueCallOffer';
      readonly queue: string;
      readonly answered: boolean;
      readonly maxRingNoAnswer: number;
    })
  /** Ends the pauses whose maximum length has run out by `at` (the policy's tick). */
  | (CommandBase & { readonly type: 'EndExpiredPauses' })
  | (CommandBase & { readonly type: 'Unpause'; readonly queues?: readonly string[] })
  | (CommandBase & {
      readonly type: 'DisposeCall';
      readonly callId: string;
      /** The PBX the call is on (see CallDisposed). */
      readonly pbxId?: string;
      readonly code: string;
      readonly note?: string;
    })
  /** Leave every queue at once: a supervisor's force logout, or an auto-logout policy. */
  | (CommandBase & { readonly type: 'LogOutEverywhere'; readonly reason: LogoutReason })
  /** Record what the PBX showed for one member (QueueMemberAdded/Removed/Pause). */
  | (CommandBase & {
      readonly type: 'RecordPbxMembership';
      readonly pbxId: string;
      readonly queue: string;
      readonly interface: string;
      readonly observed: PbxMembership;
    })
  /** The PBX did not show a decision after every retry: flag it. */
  | (CommandBase & {
      readonly type: 'FlagUnconfirmed';
      readonly pbxId: string;
      readonly queue: string;
      readonly interface: string;
      readonly expected: PbxMembership;
      readonly attempts: number;
    })
  /** Compare the agent's sessions with the members the PBX holds for the agent, and repair. */
  | (CommandBase & {
      readonly type: 'Reconcile';
      readonly pbxId: string;
      readonly snapshotId: string;
      /**
       * Decisions made after this time may not show in the snapshot yet (taken earlier, or the
       * action still on its way): their queues are left to the reactor, which confirms or flags.
       */
      readonly settledBefore: string;
      /** Every member of this PBX that is the agent's (by interface or member name). */
      readonly members: readonly ObservedMember[];
    })
  /** The PBX said the agent sat down in app_agent_pool (AMI AgentLogin). */
  | (CommandBase & {
      readonly type: 'RecordAgentPoolLogin';
      readonly pbxId: string;
      readonly channel: string;
      readonly device: string;
    })
  /** The PBX said the agent's AgentLogin() call ended (AMI AgentLogoff). */
  | (CommandBase & {
      readonly type: 'RecordAgentPoolLogoff';
      readonly pbxId: string;
      readonly channel: string;
      readonly logintimeSeconds: number;
    })
  /**
   * An AMI Agents list showed where the agent sits (or that it sits nowhere): the recorded seat
   * is repaired to it, unless the stream changed since the list was asked for (`askedAt`).
   */
  | (CommandBase & {
      readonly type: 'ResyncAgentPool';
      readonly pbxId: string;
      readonly askedAt: string;
      readonly observed:
        | { readonly seated: false }
        | { readonly seated: true; readonly channel: string; readonly device: string; readonly loggedInAt: string };
    });

/** A queue member as a PBX snapshot shows it. */
export interface ObservedMember {
  readonly queue: string;
  readonly interface: string;
  readonly paused: boolean;
}

export type AgentCommandType = AgentCommand['type'];
