import {
  AGENT_EVENT_SCHEMA_VERSION,
  type AgentCommand,
  type AgentEvent,
  type AgentEventMetadata,
  type LoginMode,
} from '@switchboard/contracts';

/** Agent 1002 of the demo site (helpdesk and sales), bound as the captures show. */
export const AGENT = '1002';
export const BINDING = {
  interface: 'Local/1002@agent-phones/n',
  stateInterface: 'SIP/1002',
  memberName: 'Agent 1002',
};
export const EARLIER = '2026-11-23T08:00:00.000Z';
export const AT = '2026-11-23T09:00:00.000Z';

/** The metadata decide must put on every event of a command. */
export function metaOf(commandId: string, correlationId?: string): AgentEventMetadata {
  return {
    schemaVersion: AGENT_EVENT_SCHEMA_VERSION,
    occurredAt: AT,
    ...(correlationId !== undefined ? { correlationId } : {}),
    causationId: commandId,
  };
}

const pastMeta: AgentEventMetadata = {
  schemaVersion: AGENT_EVENT_SCHEMA_VERSION,
  occurredAt: EARLIER,
  causationId: 'past',
};

export function changeLogin(
  mode: LoginMode,
  queues: readonly string[],
  commandId = 'cmd-1',
): AgentCommand {
  return {
    type: 'ChangeQueueLogin',
    commandId,
    agentId: AGENT,
    at: AT,
    via: 'feature-code',
    correlationId: commandId,
    pbxId: 'pbx1',
    mode,
    queues,
    binding: BINDING,
  };
}

export function pause(reason: string, queues?: readonly string[]): AgentCommand {
  return {
    type: 'Pause',
    commandId: 'p',
    agentId: AGENT,
    at: AT,
    via: 'desktop',
    reason,
    ...(queues ? { queues } : {}),
  };
}

export function unpause(queues?: readonly string[]): AgentCommand {
  return {
    type: 'Unpause',
    commandId: 'u',
    agentId: AGENT,
    at: AT,
    via: 'desktop',
    ...(queues ? { queues } : {}),
  };
}

/** History: logged in earlier. */
export function wasLoggedIn(queue: string, pbxId = 'pbx1', iface = BINDING.interface): AgentEvent {
  return {
    type: 'AgentLoggedIn',
    data: {
      agentId: AGENT,
      pbxId,
      queue,
      ...BINDING,
      interface: iface,
      via: 'feature-code',
      at: EARLIER,
      paused: false,
    },
    metadata: pastMeta,
  };
}

export function wasLoggedOut(queue: string): AgentEvent {
  return {
    type: 'AgentLoggedOut',
    data: {
      agentId: AGENT,
      pbxId: 'pbx1',
      queue,
      interface: BINDING.interface,
      via: 'feature-code',
      reason: 'requested',
      at: EARLIER,
    },
    metadata: pastMeta,
  };
}

export function wasPaused(queue: string, reason: string): AgentEvent {
  return {
    type: 'AgentPaused',
    data: {
      agentId: AGENT,
      pbxId: 'pbx1',
      queue,
      interface: BINDING.interface,
      reason,
      via: 'desktop',
      at: EARLIER,
    },
    metadata: pastMeta,
  };
}

/** Expected: the login decided now by command `commandId`. */
export function loggedIn(queue: string, commandId = 'cmd-1'): AgentEvent {
  return {
    type: 'AgentLoggedIn',
    data: {
      agentId: AGENT,
      pbxId: 'pbx1',
      queue,
      ...BINDING,
      via: 'feature-code',
      at: AT,
      paused: false,
    },
    metadata: metaOf(commandId, commandId),
  };
}

export function loggedOut(queue: string, commandId = 'cmd-1'): AgentEvent {
  return {
    type: 'AgentLoggedOut',
    data: {
      agentId: AGENT,
      pbxId: 'pbx1',
      queue,
      interface: BINDING.interface,
      via: 'feature-code',
      reason: 'requested',
      at: AT,
    },
    metadata: metaOf(commandId, commandId),
  };
}

export function paused(queue: string, reason: string): AgentEvent {
  return {
    type: 'AgentPaused',
    data: {
      agentId: AGENT,
      pbxId: 'pbx1',
      queue,
      interface: BINDING.interface,
      reason,
      via: 'desktop',
      at: AT,
    },
    metadata: metaOf('p'),
  };
}

export function unpaused(queue: string): AgentEvent {
  return {
    type: 'AgentUnpaused',
    data: {
      agentId: AGENT,
      pbxId: 'pbx1',
      queue,
      interface: BINDING.interface,
      via: 'desktop',
      at: AT,
    },
    metadata: metaOf('u'),
  };
}
