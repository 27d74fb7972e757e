import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { loggedInQueues, sessionIn, type AgentState } from './agent-state';
import type { Decision, QueueOutcome } from './decision';
import { metadataOf } from './event-metadata';

type LogOutEverywhere = Extract<AgentCommand, { type: 'LogOutEverywhere' }>;

/**
 * Leaves every queue the agent is logged in to, wherever the membership lives: a supervisor's
 * force logout or an auto-logout policy. Logged in nowhere: nothing to record (a member Asterisk
 * still holds without a session is reconciliation's to remove).
 */
export function decideLogOutEverywhere(command: LogOutEverywhere, state: AgentState): Decision {
  const events: AgentStreamEvent[] = [];
  const outcomes: QueueOutcome[] = [];
  for (const queue of loggedInQueues(state)) {
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in') continue;
    events.push({
      type: 'AgentLoggedOut',
      data: {
        agentId: command.agentId,
        pbxId: session.pbxId,
        queue,
        interface: session.interface,
        via: command.via,
        reason: command.reason,
        at: command.at,
      },
      metadata: metadataOf(command),
    });
    outcomes.push({ queue, result: 'logged-out' });
  }
  return { events, outcomes, status: 'logged-out' };
}
