import { agentById, type Directory } from '@switchboard/agent-domain';
import type { AgentCommand, AgentPoolLogin, AgentPoolLogoff } from '@switchboard/contracts';

export type AgentPoolPbxEvent = AgentPoolLogin | AgentPoolLogoff;

/**
 * The command that records an app_agent_pool AgentLogin / AgentLogoff on the agent's stream, or
 * undefined when `Agent` is no agent of the directory (agents.conf may define more). One PBX event
 * is one observation: its position is the command id, so a redelivery is recognised.
 */
export function agentPoolCommandOf(directory: Directory, event: AgentPoolPbxEvent): AgentCommand | undefined {
  const d = event.data;
  if (!agentById(directory, d.agentId)) return undefined;
  const m = event.metadata;
  const base = {
    commandId: `pbx-${m.pbxId}-${m.connectionId}-${m.seq}`,
    agentId: d.agentId,
    at: m.occurredAt,
    via: 'system' as const,
    pbxId: m.pbxId,
    channel: d.channel,
  };
  return event.type === 'AgentLogin'
    ? { ...base, type: 'RecordAgentPoolLogin', device: event.data.device }
    : { ...base, type: 'RecordAgentPoolLogoff', logintimeSeconds: event.data.logintimeSeconds };
}
