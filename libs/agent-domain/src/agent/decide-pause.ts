import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { AgentDomainError } from './agent-domain-error';
import { loggedInQueues, sessionIn, type AgentState } from './agent-state';
import type { Decision, QueueOutcome } from './decision';
import { metadataOf } from './event-metadata';
import { requireQueues, requireText } from './validate-command';

type Pause = Extract<AgentCommand, { type: 'Pause' }>;
type Unpause = Extract<AgentCommand, { type: 'Unpause' }>;

/**
 * The queues a pause or unpause applies to: the named ones, or every logged-in queue. Named
 * queues the agent is not logged in to get a `not-logged-in` outcome; "all" with no logged-in
 * queue at all leaves nothing to report on, so it is refused.
 */
function targets(command: Pause | Unpause, state: AgentState): readonly string[] {
  if (command.queues !== undefined) return requireQueues(command.queues, command.type);
  const all = loggedInQueues(state);
  if (all.length === 0)
    throw new AgentDomainError(
      'not_logged_in',
      `agent ${command.agentId} is not logged in to any queue`,
    );
  return all;
}

/** Pause with a reason. Pausing again with the same reason changes nothing; another reason
 *  re-pauses, so the PBX and the report show the current reason. */
export function decidePause(command: Pause, state: AgentState): Decision {
  requireText(command.reason, 'reason');
  const queues = targets(command, state);
  const until = untilOf(command);
  if (command.inCall) return deferPause(command, queues);
  const events: AgentStreamEvent[] = [];
  const outcomes: QueueOutcome[] = [];
  for (const queue of queues) {
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in') {
      outcomes.push({ queue, result: 'not-logged-in' });
    } else if (session.pause.status === 'paused' && session.pause.reason === command.reason) {
      outcomes.push({ queue, result: 'already-paused' });
    } else {
      events.push({
        type: 'AgentPaused',
        data: {
          agentId: command.agentId,
          pbxId: session.pbxId,
          queue,
          interface: session.interface,
          reason: command.reason,
          via: command.via,
          at: command.at,
          ...until,
        },
        metadata: metadataOf(command),
      });
      outcomes.push({ queue, result: 'paused' });
    }
  }
  return { events, outcomes };
}

export function decideUnpause(command: Unpause, state: AgentState): Decision {
  const events: AgentStreamEvent[] = [];
  const outcomes: QueueOutcome[] = [];
  for (const queue of targets(command, state)) {
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in') {
      outcomes.push({ queue, result: 'not-logged-in' });
    } else if (session.pause.status === 'active') {
      outcomes.push({ queue, result: 'not-paused' });
    } else {
      events.push({
        type: 'AgentUnpaused',
        data: {
          agentId: command.agentId,
          pbxId: session.pbxId,
          queue,
          interface: session.interface,
          via: command.via,
          at: command.at,
        },
        metadata: metadataOf(command),
      });
      outcomes.push({ queue, result: 'unpaused' });
    }
  }
  return { events, outcomes };
}

function untilOf(command: Pause): { until?: string } {
  if (command.maxMinutes === undefined) return {};
  if (!Number.isSafeInteger(command.maxMinutes) || command.maxMinutes < 1)
    throw new AgentDomainError('invalid_input', 'maxMinutes must be a whole number of at least 1');
  return { until: new Date(Date.parse(command.at) + command.maxMinutes * 60_000).toISOString() };
}

type EndExpiredPauses = Extract<AgentCommand, { type: 'EndExpiredPauses' }>;

/** Unpauses every queue whose pause ran past its reason's maximum length, saying why. */
export function decideEndExpiredPauses(command: EndExpiredPauses, state: AgentState): Decision {
  const now = Date.parse(command.at);
  const events: AgentStreamEvent[] = [];
  const outcomes: QueueOutcome[] = [];
  for (const queue of loggedInQueues(state)) {
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in' || session.pause.status !== 'paused') continue;
    if (session.pause.until === undefined || Date.parse(session.pause.until) > now) continue;
    events.push({
      type: 'AgentUnpaused',
      data: {
        agentId: command.agentId,
        pbxId: session.pbxId,
        queue,
        interface: session.interface,
        via: command.via,
        at: command.at,
        reason: 'max-pause-exceeded',
      },
      metadata: metadataOf(command),
    });
    outcomes.push({ queue, result: 'unpaused' });
  }
  return { events, outcomes };
}

/** Asked for during a call: recorded now, applied when the call ends (ReleaseDeferred). */
function deferPause(command: Pause, queues: readonly string[]): Decision {
  return {
    events: [
      {
        type: 'PauseDeferred',
        data: {
          agentId: command.agentId,
          ...(command.queues !== undefined ? { queues: command.queues } : {}),
          reason: command.reason,
          ...(command.maxMinutes !== undefined ? { maxMinutes: command.maxMinutes } : {}),
          via: command.via,
          at: command.at,
        },
        metadata: metadataOf(command),
      },
    ],
    outcomes: queues.map((queue) => ({ queue, result: 'deferred' })),
  };
}
