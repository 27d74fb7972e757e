import type { AgentCommand, AgentPoolEvent } from '@switchboard/contracts';
import { AgentDomainError } from './agent-domain-error';
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

type Resync = Extract<AgentCommand, { type: 'ResyncAgentPool' }>;

/**
 * An AMI Agents list says where the agent sits now: the recorded seat follows it, each repair with
 * the reason `pbx-resync`. A seat the list no longer shows is released (its AgentLogoff was missed:
 * Logintime is then counted up to the list, an upper bound); a seat the list shows on another
 * channel, or none recorded, is recorded. Nothing is repaired when the stream's seat changed at or
 * after the list was asked for: that change is newer than the list. A seat on another PBX is that
 * PBX's to repair.
 */
export function decideAgentPoolResync(command: Resync, state: AgentState): Decision {
  requireText(command.pbxId, 'pbxId');
  if (Number.isNaN(Date.parse(command.askedAt))) throw new AgentDomainError('invalid_input', 'askedAt must be a time');
  const changedAt = state.status === 'known' ? state.poolChangedAt : undefined;
  if (changedAt !== undefined && Date.parse(changedAt) >= Date.parse(command.askedAt)) return NOTHING;
  const seat = poolSeatOf(state);
  if (seat && seat.pbxId !== command.pbxId) return NOTHING;
  const observed = command.observed;
  if (!observed.seated) {
    if (!seat) return NOTHING;
    const seconds = Math.max(0, Math.floor((Date.parse(command.askedAt) - Date.parse(seat.since)) / 1000));
    return recorded({
      type: 'AgentPoolLoggedOut',
      data: { agentId: command.agentId, pbxId: command.pbxId, channel: seat.channel, logintimeSeconds: seconds, at: command.at, reason: 'pbx-resync' },
      metadata: metadataOf(command),
    });
  }
  requireText(observed.channel, 'channel');
  if (seat?.channel === observed.channel) return NOTHING;
  return recorded({
    type: 'AgentPoolLoggedIn',
    data: { agentId: command.agentId, pbxId: command.pbxId, channel: observed.channel, device: observed.device, at: observed.loggedInAt, reason: 'pbx-resync' },
    metadata: metadataOf(command),
  });
}

function recorded(event: AgentPoolEvent): Decision {
  return { events: [event], outcomes: [] };
}
