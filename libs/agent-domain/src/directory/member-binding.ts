import type { MemberBinding } from '@switchboard/contracts';
import type { AgentEntry, AgentWithLine } from './directory';
import { extensionOf } from './lines';

export type { AgentWithLine };

export function hasOwnLine(agent: AgentEntry): agent is AgentWithLine {
  return agent.line !== undefined;
}

export function isAgentPoolAgent(agent: AgentEntry): boolean {
  return agent.membership === 'agent-pool';
}

/** The dialplan context whose extensions run AgentRequest(${EXTEN}) (infra/asterisk). */
export const AGENT_POOL_CONTEXT = 'agent-pool';

/**
 * The member of an app_agent_pool agent. Asterisk 12 replaced chan_agent (the old `Agent/<id>`
 * channel) with app_agent_pool, which has no channel technology: a queue reaches a pooled agent
 * through a Local channel whose dialplan runs AgentRequest(<id>), bridging the caller with the
 * agent's AgentLogin() call. Its state interface is the `Agent:<id>` device state app_agent_pool
 * provides (UNAVAILABLE while nobody sits in AgentLogin(), NOT_INUSE once ready, INUSE on a call),
 * so the queue rings the agent only while it is logged in to the pool.
 */
export function agentPoolBinding(agentId: string): MemberBinding {
  return {
    interface: `Local/${agentId}@${AGENT_POOL_CONTEXT}/n`,
    stateInterface: `Agent:${agentId}`,
    memberName: `Agent ${agentId}`,
  };
}

/**
 * The queue membership that stands for the agent. Callback (the default), as in the captures: a
 * Local member that rings the line through the agent-phones dialplan (`/n` so the Local channel is
 * not optimised away and the queue keeps seeing the call), with the line as state interface so the
 * queue knows when the phone is busy, and `Agent <id>` as the name Asterisk writes into queue_log
 * PAUSE lines. An agent-pool agent's member is the pool's, wherever it sits (agentPoolBinding).
 */
export function memberBindingFor(agent: AgentWithLine): MemberBinding {
  if (isAgentPoolAgent(agent)) return agentPoolBinding(agent.id);
  return {
    interface: agent.memberInterface ?? `Local/${extensionOf(agent.line)}@agent-phones/n`,
    stateInterface: agent.line,
    memberName: `Agent ${agent.id}`,
  };
}
