import {
  assertNever,
  type AgentCommand,
  type AgentStreamEvent,
  type LoginMode,
} from '@switchboard/contracts';
import type { AgentState } from './agent-state';
import { isLoggedIn, loggedInQueues, sessionIn } from './agent-state';
import type { Decision, LoginStatus, QueueOutcome } from './decision';
import { metadataOf } from './event-metadata';
import { requireQueues, requireText } from './validate-command';

type ChangeQueueLogin = Extract<AgentCommand, { type: 'ChangeQueueLogin' }>;

/**
 * Toggle, login or logout over one queue or several (the global number). A toggle over several
 * queues logs out of all of them when the agent is logged in on any, and else logs in to all, so
 * one dial always ends in one clear status to announce. Direct login/logout is idempotent per
 * queue: nothing to do is reported as already-…, never refused.
 */
export function decideQueueLogin(command: ChangeQueueLogin, state: AgentState): Decision {
  requireText(command.pbxId, 'pbxId');
  const queues = requireQueues(command.queues, 'ChangeQueueLogin');
  requireText(command.binding.interface, 'binding.interface');
  requireText(command.binding.stateInterface, 'binding.stateInterface');
  requireText(command.binding.memberName, 'binding.memberName');

  const status = targetStatus(command.mode, queues, state);
  const pendingPause = pendingPauseOf(command, state);
  if (status === 'logged-out' && command.inCall) return deferLogout(command, queues, state);

  const events: AgentStreamEvent[] = [];
  const outcomes: QueueOutcome[] = [];
  const metadata = metadataOf(command);
  for (const queue of queues) {
    const session = sessionIn(state, queue);
    if (status === 'logged-in') {
      if (session.status === 'logged-in') {
        outcomes.push({ queue, result: 'already-logged-in' });
        continue;
      }
      events.push({
        type: 'AgentLoggedIn',
        data: {
          agentId: command.agentId,
          pbxId: command.pbxId,
          queue,
          interface: command.binding.interface,
          stateInterface: command.binding.stateInterface,
          memberName: command.binding.memberName,
          via: command.via,
          at: command.at,
          ...joinPaused(pendingPause),
        },
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
          // The membership Asterisk holds is the one recorded at login, wherever the agent is now.
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
  return { events, outcomes, status };
}

function targetStatus(mode: LoginMode, queues: readonly string[], state: AgentState): LoginStatus {
  switch (mode) {
    case 'toggle':
      return queues.some((q) => isLoggedIn(state, q)) ? 'logged-out' : 'logged-in';
    case 'login':
      return 'logged-in';
    case 'logout':
      return 'logged-out';
    default:
      return assertNever(mode, 'login mode');
  }
}

/**
 * The pause a new membership must start with, so Asterisk never offers a call between QueueAdd and
 * QueuePause: the one the command asks for, or else the agent's current pause when every queue the
 * agent is logged in to is paused for the same reason (the agent is on a break).
 */
function pendingPauseOf(command: ChangeQueueLogin, state: AgentState): string | undefined {
  if (command.pauseReason !== undefined) return requireText(command.pauseReason, 'pauseReason');
  const reasons = new Set<string>();
  for (const queue of loggedInQueues(state)) {
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in' || session.pause.status !== 'paused') return undefined;
    reasons.add(session.pause.reason);
  }
  return reasons.size === 1 ? [...reasons][0] : undefined;
}

function joinPaused(reason: string | undefined): { paused: boolean; pauseReason?: string } {
  return reason === undefined ? { paused: false } : { paused: true, pauseReason: reason };
}

/** A logout asked for during a call: recorded now, applied when the call ends (ReleaseDeferred). */
function deferLogout(command: ChangeQueueLogin, queues: readonly string[], state: AgentState): Decision {
  const leaving = queues.filter((q) => isLoggedIn(state, q));
  const outcomes: QueueOutcome[] = queues.map((queue) => ({
    queue,
    result: leaving.includes(queue) ? 'deferred' : 'already-logged-out',
  }));
  if (leaving.length === 0) return { events: [], outcomes, status: 'logged-out' };
  return {
    events: [
      {
        type: 'LogoutDeferred',
        data: { agentId: command.agentId, queues: leaving, via: command.via, at: command.at },
        metadata: metadataOf(command),
      },
    ],
    outcomes,
    // Still taking this call, still a member: the phone announces the status it still has.
    status: 'logged-in',
  };
}
