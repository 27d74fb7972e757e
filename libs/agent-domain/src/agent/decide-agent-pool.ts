import type { AgentCommand } from '@switchboard/contracts';
import { poolSeatOf, type AgentState } from './agent-state';
import type { Decision } from './decision';
import { metadataOf } from './event-metadata';
import { requireText } from './validate-command';

type RecordLogin = Extract<AgentCommand, { type: 'RecordAgentPoolLogin' }>;
type RecordLogoff = Extract<AgentCommand, { type: 'RecordAgentPoolLogoff' }>;

const NOTHING: Decision = { events: [], outcomes: [] };

/**
 * The PBX says the agent sat down in app_agent_pool (AgentLogin). Recorded unless the stream
 * already has it on that channel (a redelivered event). A new channel replaces the seat: Asterisk
 * holds one AgentLogin() per agent, so a login on another channel means the old one is gone.
 */
export function decideAgentPoolLogin(command: RecordLogin, state: AgentState): Decision {
  requireText(command.pbxId, 'pbxId');
  requireText(command.channel, 'channel');
  if (poolSeatOf(state)?.channel === command.channel) return NOTHING;
  return {
    events: [
      {
        type: 'AgentPoolLoggedIn',
        data: {
          agentId: command.agentId,
          pbxId: command.pbxId,
          channel: command.channel,
          device: command.device,
          at: command.at,
        },
        metadata: metadataOf(command),
      },
    ],
    outcomes: [],
  };
}

/**
 * The agent's AgentLogin() call ended (AgentLogoff). Recorded only for the channel the agent sits
 * on: a logoff of an older channel, or while the stream knows of no seat, changes nothing.
 */
export function decideAgentPoolLogoff(command: RecordLogoff, state: AgentState): Decision {
  requireText(command.channel, 'channel');
  const seat = poolSeatOf(state);
  if (!seat || seat.channel !== command.channel) return NOTHING;
  return {
    events: [
      {
        type: 'AgentPoolLoggedOut',
        data: {
          agentId: command.agentId,
          pbxId: command.pbxId,
          channel: command.channel,
          logintimeSeconds: command.logintimeSeconds,
          at: command.at,
        },
        metadata: metadataOf(command),
      },
    ],
    outcomes: [],
  };
}
