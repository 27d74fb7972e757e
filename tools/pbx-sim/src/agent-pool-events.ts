// The AMI frames of app_agent_pool. No capture has them (app_agent_pool was not built on the lab
// PBX), so they follow the Asterisk 20 documentation field for field: AgentLogin and AgentLogoff
// (docs.asterisk.org, Asterisk_20_Documentation/API_Documentation/AMI_Events, class AGENT) carry
// the channel snapshot of the channel that ran AgentLogin(), then Agent, and AgentLogoff adds
// Logintime in seconds. The holding bridge is app_agent_pool's one "AgentPool" bridge
// (bridge_agent_hold_new: subclass agent_hold, holding capability).

import type { AmiFields, Channel } from './channel';

export interface HoldingBridgeView {
  readonly uniqueid: string;
  readonly numChannels: number;
}

export function agentLogin(ch: Channel, agentId: string): AmiFields {
  return [['Event', 'AgentLogin'], ['Privilege', 'agent,all'], ...ch.snapshot(), ['Agent', agentId]];
}

export function agentLogoff(ch: Channel, agentId: string, logintimeSeconds: number): AmiFields {
  return [
    ['Event', 'AgentLogoff'],
    ['Privilege', 'agent,all'],
    ...ch.snapshot(),
    ['Agent', agentId],
    ['Logintime', String(logintimeSeconds)],
  ];
}

/**
 * One item of the Agents list (action_agents): Agent, Name (agents.conf fullname), Status, for a
 * call TalkingToChan (the BRIDGEPEER of the AgentLogin() channel) and CallStarted, LoggedInTime and
 * the AgentLogin() channel's snapshot for a logged-in agent, then ActionID. No Privilege: the C
 * source writes the item with astman_append. (Its CallStarted line ends in a bare LF there; every
 * line here ends in CRLF, which parsers read alike.)
 */
export function agentsItem(
  actionId: string | undefined,
  agentId: string,
  seat: { channel: Channel; loginStartMs: number; talkingTo: string; callStartMs: number | undefined } | undefined,
): AmiFields {
  const fields: AmiFields = [
    ['Event', 'Agents'],
    ['Agent', agentId],
    ['Name', ''],
  ];
  if (!seat) fields.push(['Status', 'AGENT_LOGGEDOFF']);
  else {
    if (seat.talkingTo !== '') {
      fields.push(['Status', 'AGENT_ONCALL'], ['TalkingToChan', seat.talkingTo]);
      fields.push(['CallStarted', String(Math.floor((seat.callStartMs ?? Date.now()) / 1000))]);
    } else fields.push(['Status', 'AGENT_IDLE']);
    fields.push(['LoggedInTime', String(Math.floor(seat.loginStartMs / 1000))], ...seat.channel.snapshot());
  }
  if (actionId !== undefined) fields.push(['ActionID', actionId]);
  return fields;
}

function holdingFields(b: HoldingBridgeView): AmiFields {
  return [
    ['BridgeUniqueid', b.uniqueid],
    ['BridgeType', 'agent_hold'],
    ['BridgeTechnology', 'holding_bridge'],
    ['BridgeCreator', 'AgentPool'],
    ['BridgeName', '<unknown>'],
    ['BridgeNumChannels', String(b.numChannels)],
    ['BridgeVideoSourceMode', 'none'],
  ];
}

export function holdingBridgeCreate(b: HoldingBridgeView): AmiFields {
  return [['Event', 'BridgeCreate'], ['Privilege', 'call,all'], ...holdingFields(b)];
}

export function holdingBridgeEnter(b: HoldingBridgeView, ch: Channel): AmiFields {
  return [['Event', 'BridgeEnter'], ['Privilege', 'call,all'], ...holdingFields(b), ...ch.snapshot()];
}

export function holdingBridgeLeave(b: HoldingBridgeView, ch: Channel): AmiFields {
  return [['Event', 'BridgeLeave'], ['Privilege', 'call,all'], ...holdingFields(b), ...ch.snapshot()];
}
