import type { AgentsSnapshot, PbxActionReply, PoolAgentData, PoolAgentStatus } from '@switchboard/contracts';
import { AmiMessage } from './ami-message';
import { deviceOfChannel } from './map-event-device';

type Data = AgentsSnapshot['data'];

/**
 * The items of an `Agents` list reply (app_agent_pool, action_agents) as a snapshot body. Each
 * `Agents` event carries Agent, Name, Status (AGENT_LOGGEDOFF | AGENT_IDLE | AGENT_ONCALL), for a
 * call TalkingToChan and CallStarted, for a logged-in agent LoggedInTime (epoch seconds) and the
 * channel snapshot of its AgentLogin() channel (Asterisk 20 AMI event docs; no capture has them).
 */
export function agentsSnapshot(reply: PbxActionReply, reason: Data['reason'], askedAt: string): Data {
  const agents: PoolAgentData[] = [];
  for (const item of reply.items ?? []) {
    const m = new AmiMessage(Object.entries(item));
    if (m.get('Event') !== 'Agents') continue;
    agents.push({ ...statusOf(m), agentId: m.get('Agent') ?? '', name: m.get('Name') ?? '' });
  }
  return { reason, askedAt, agents };
}

function statusOf(m: AmiMessage): PoolAgentStatus {
  const raw = m.get('Status') ?? '';
  if (raw === 'AGENT_LOGGEDOFF') return { status: 'logged-off' };
  const channel = m.get('Channel') ?? '';
  const loggedIn = Number(m.get('LoggedInTime'));
  // A logged-in agent without its channel or login time would be a seat nobody can name: unknown.
  if ((raw !== 'AGENT_IDLE' && raw !== 'AGENT_ONCALL') || channel === '' || !Number.isFinite(loggedIn))
    return { status: 'unknown', raw };
  const talkingTo = m.get('TalkingToChan');
  return {
    status: raw === 'AGENT_IDLE' ? 'idle' : 'on-call',
    channel,
    device: deviceOfChannel(channel),
    loggedInAt: new Date(loggedIn * 1000).toISOString(),
    ...(talkingTo ? { talkingTo } : {}),
  };
}
