import {
  assertNever,
  type AgentCommand,
  type AgentEvent,
  type LoginMode,
} from '@switchboard/contracts';
import type { AgentState } from './agent-state';
import { isLoggedIn, sessionIn } from './agent-state';
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

  const events: AgentEvent[] = [];
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
          // A pending pause (log in paused) is a later issue; until then a login takes calls.
          paused: false,
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
