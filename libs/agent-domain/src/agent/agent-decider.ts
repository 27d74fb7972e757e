import {
  AGENT_EVENT_SCHEMA_VERSION,
  assertNever,
  type AgentCommand,
  type AgentEvent,
  type AgentEventMetadata,
} from '@switchboard/contracts';
import { isLoggedIn, sessionIn, type AgentState } from './agent-state';

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

export interface Decision {
  readonly events: AgentEvent[];
  readonly outcomes: ReadonlyArray<{ readonly queue: string; readonly result: QueueResult }>;
}

export type AgentDomainErrorCode = 'invalid_input';

/** A command that breaks a rule; its code is stable (the HTTP API maps it). */
export class AgentDomainError extends Error {
  constructor(readonly code: AgentDomainErrorCode, message: string) {
    super(message);
    this.name = 'AgentDomainError';
  }
}

function metadataOf(command: AgentCommand): AgentEventMetadata {
  return {
    schemaVersion: AGENT_EVENT_SCHEMA_VERSION,
    occurredAt: command.at,
    correlationId: command.correlationId,
    causationId: command.commandId,
  };
}

/** decide(command, state) → events. Pure: time and ids come in on the command. */
export function decide(command: AgentCommand, state: AgentState): Decision {
  switch (command.type) {
    case 'ChangeQueueLogin':
      return decideLogin(command, state);
    case 'Pause':
      return decidePause(command, state);
    case 'Unpause':
      return decideUnpause(command, state);
    case 'DisposeCall': {
      if (!command.callId.trim() || !command.code.trim()) {
        throw new AgentDomainError('invalid_input', 'a disposition needs a call id and a code');
      }
      return {
        events: [
          {
            type: 'CallDisposed',
            data: { agentId: command.agentId, callId: command.callId, code: command.code, note: command.note, at: command.at },
            metadata: metadataOf(command),
          },
        ],
        outcomes: [],
      };
    }
    default:
      return assertNever(command, 'agent command');
  }
}

type Of<T extends AgentCommand['type']> = Extract<AgentCommand, { type: T }>;

function decideLogin(command: Of<'ChangeQueueLogin'>, state: AgentState): Decision {
  if (command.queues.length === 0) throw new AgentDomainError('invalid_input', 'no queue to log in or out of');
  // Toggle over several queues (the global number): logged in anywhere → log out everywhere,
  // so one dial always ends in one clear status.
  const direction =
    command.mode === 'toggle' ? (command.queues.some((q) => isLoggedIn(state, q)) ? 'logout' : 'login') : command.mode;
  const events: AgentEvent[] = [];
  const outcomes: Array<{ queue: string; result: QueueResult }> = [];
  const metadata = metadataOf(command);
  for (const queue of command.queues) {
    const session = sessionIn(state, queue);
    if (direction === 'login') {
      if (session.status === 'logged-in') {
        outcomes.push({ queue, result: 'already-logged-in' });
        continue;
      }
      events.push({
        type: 'AgentLoggedIn',
        data: { agentId: command.agentId, pbxId: command.pbxId, queue, ...command.binding, via: command.via, at: command.at, paused: false },
        metadata,
      });
      outcomes.push({ queue, result: 'logged-in' });
    } else {
      if (session.status !== 'logged-in') {
        outcomes.push({ queue, result: 'already-logged-out' });
        continue;
      }
      events.push({
        type: 'AgentLoggedOut',
        data: {
          agentId: command.agentId,
          pbxId: session.pbxId,
          queue,
          interface: session.interface,
          via: command.via,
          reason: 'requested',
          at: command.at,
        },
        metadata,
      });
      outcomes.push({ queue, result: 'logged-out' });
    }
  }
  return { events, outcomes };
}

function targetQueues(state: AgentState, queues: readonly string[] | undefined): readonly string[] {
  return queues ?? Object.keys(state.queues).filter((q) => isLoggedIn(state, q));
}

function decidePause(command: Of<'Pause'>, state: AgentState): Decision {
  if (!command.reason.trim()) throw new AgentDomainError('invalid_input', 'a pause needs a reason');
  const events: AgentEvent[] = [];
  const outcomes: Array<{ queue: string; result: QueueResult }> = [];
  for (const queue of targetQueues(state, command.queues)) {
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in') {
      outcomes.push({ queue, result: 'not-logged-in' });
    } else if (session.pause.status === 'paused' && session.pause.reason === command.reason) {
      outcomes.push({ queue, result: 'already-paused' });
    } else {
      events.push({
        type: 'AgentPaused',
        data: { agentId: command.agentId, pbxId: session.pbxId, queue, interface: session.interface, reason: command.reason, via: command.via, at: command.at },
        metadata: metadataOf(command),
      });
      outcomes.push({ queue, result: 'paused' });
    }
  }
  return { events, outcomes };
}

function decideUnpause(command: Of<'Unpause'>, state: AgentState): Decision {
  const events: AgentEvent[] = [];
  const outcomes: Array<{ queue: string; result: QueueResult }> = [];
  for (const queue of targetQueues(state, command.queues)) {
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in') {
      outcomes.push({ queue, result: 'not-logged-in' });
    } else if (session.pause.status === 'active') {
      outcomes.push({ queue, result: 'not-paused' });
    } else {
      events.push({
        type: 'AgentUnpaused',
        data: { agentId: command.agentId, pbxId: session.pbxId, queue, interface: session.interface, via: command.via, at: command.at },
        metadata: metadataOf(command),
      });
      outcomes.push({ queue, result: 'unpaused' });
    }
  }
  return { events, outcomes };
}
