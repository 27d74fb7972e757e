import type { MemberBinding } from '@switchboard/contracts';
import type { AgentEntry, AgentWithLine } from './directory';
import { extensionOf } from './lines';

export type { AgentWithLine };

export function hasOwnLine(agent: AgentEntry): agent is AgentWithLine {
  return agent.line !== undefined;
}

/**
 * The queue membership that stands for the agent, as in the captures: a Local member that rings the
 * line through the agent-phones dialplan (`/n` so the Local channel is not optimised away and the
 * queue keeps seeing the call), with the line as state interface so the queue knows when the phone
 * is busy, and `Agent <id>` as the name Asterisk writes into queue_log PAUSE lines.
 */
export function memberBindingFor(agent: AgentWithLine): MemberBinding {
  return {
    interface: agent.memberInterface ?? `Local/${extensionOf(agent.line)}@agent-phones/n`,
    stateInterface: agent.line,
    memberName: `Agent ${agent.id}`,
  };
}
