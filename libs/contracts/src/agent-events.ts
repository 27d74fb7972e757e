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
  }
>;
/** The agent's disposition of a call from the desktop: what attributes the call to the agent. */
export type CallDisposed = AgentMessage<
  'CallDisposed',
  {
    readonly agentId: string;
    readonly callId: string;
    readonly code: string;
    readonly note?: string;
    readonly at: string;
  }
>;

export type AgentEvent = AgentLoggedIn | AgentLoggedOut | AgentPaused | AgentUnpaused | CallDisposed;
export type AgentEventType = AgentEvent['type'];
export const AGENT_EVENT_TYPES: readonly AgentEventType[] = [
  'AgentLoggedIn',
  'AgentLoggedOut',
  'AgentPaused',
  'AgentUnpaused',
  'CallDisposed',
];

export function isAgentEvent(value: { type: string }): value is AgentEvent {
  return (AGENT_EVENT_TYPES as readonly string[]).includes(value.type);
}
