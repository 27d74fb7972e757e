import {
  DEVICE_STATUS_NAMES,
  type AgentCallData,
  type AgentPoolLoginData,
  type ChannelRef,
  type DeviceStatusName,
  type PbxEventBody,
  type QueueMemberData,
} from '@switchboard/contracts';
import type { AmiMessage } from './ami-message';
import { deviceOfChannel } from './map-event-device';
import { attendedTransfer, blindTransfer } from './map-event-transfer';

/**
 * AMI event → typed PBX event body. Events we have no typed use for become `Unmapped` with all
 * their headers: nothing is dropped. Missing or malformed fields take neutral defaults instead of
 * throwing, so one odd frame from a PBX cannot stop the gateway.
 */
export function mapAmiEvent(m: AmiMessage): PbxEventBody {
  const event = m.get('Event') ?? '';
  switch (event) {
    case 'UserEvent':
      if (m.get('UserEvent') === 'AgentFeature') {
        return { type: 'FeatureCodeDialed', data: { ...channelRef(m), code: str(m, 'Code'), caller: str(m, 'Caller') } };
      }
      break;
    case 'QueueMemberAdded':
      return { type: 'QueueMemberAdded', data: queueMember(m) };
    case 'QueueMemberRemoved':
      return { type: 'QueueMemberRemoved', data: queueMember(m) };
    case 'QueueMemberPause':
      return { type: 'QueueMemberPaused', data: queueMember(m) };
    case 'QueueMemberStatus':
      return { type: 'QueueMemberStatusChanged', data: queueMember(m) };
    case 'QueueCallerJoin':
      return { type: 'QueueCallerJoined', data: { ...channelRef(m), queue: str(m, 'Queue'), position: num(m, 'Position'), count: num(m, 'Count') } };
    case 'QueueCallerLeave':
      return { type: 'QueueCallerLeft', data: { ...channelRef(m), queue: str(m, 'Queue'), position: num(m, 'Position'), count: num(m, 'Count') } };
    case 'QueueCallerAbandon':
      return {
        type: 'QueueCallerAbandoned',
        data: {
          ...channelRef(m),
          queue: str(m, 'Queue'),
          position: num(m, 'Position'),
          originalPosition: num(m, 'OriginalPosition'),
          holdTimeSeconds: num(m, 'HoldTime'),
        },
      };
    case 'AgentCalled':
      return { type: 'AgentCalled', data: agentCall(m) };
    case 'AgentConnect':
      return {
        type: 'AgentConnected',
        data: { ...agentCall(m), holdTimeSeconds: num(m, 'HoldTime'), ringTimeSeconds: num(m, 'RingTime') },
      };
    case 'AgentComplete':
      return {
        type: 'AgentCompleted',
        data: {
          ...agentCall(m),
          holdTimeSeconds: num(m, 'HoldTime'),
          talkTimeSeconds: num(m, 'TalkTime'),
          reason: completionReason(m.get('Reason')),
        },
      };
    case 'AgentRingNoAnswer':
      // The one agent event whose RingTime Asterisk gives in milliseconds.
      return { type: 'AgentRingNoAnswer', data: { ...agentCall(m), ringTimeSeconds: num(m, 'RingTime') / 1000 } };
    case 'AgentLogin':
      return { type: 'AgentLogin', data: agentPoolLogin(m) };
    case 'AgentLogoff':
      // Logintime: "The number of seconds the agent was logged in" (Asterisk 20 AMI event docs).
      return { type: 'AgentLogoff', data: { ...agentPoolLogin(m), logintimeSeconds: num(m, 'Logintime') } };
    case 'BlindTransfer':
      return { type: 'CallTransferred', data: blindTransfer(m) };
    case 'AttendedTransfer':
      return { type: 'CallTransferred', data: attendedTransfer(m) };
    case 'Hangup':
      return { type: 'Hangup', data: { ...channelRef(m), cause: num(m, 'Cause'), causeText: str(m, 'Cause-txt') } };
    case 'PeerStatus':
      return {
        type: 'PeerStatusChanged',
        data: {
          channelType: str(m, 'ChannelType'),
          peer: str(m, 'Peer'),
          peerStatus: str(m, 'PeerStatus'),
          address: str(m, 'Address'),
          cause: str(m, 'Cause'),
        },
      };
    case 'DeviceStateChange':
      return { type: 'DeviceStateChanged', data: { device: str(m, 'Device'), state: str(m, 'State') } };
    case 'FullyBooted':
      return { type: 'FullyBooted', data: { status: str(m, 'Status') } };
    default:
      break;
  }
  return { type: 'Unmapped', data: { event, headers: m.toRecord() } };
}

function str(m: AmiMessage, name: string): string {
  return m.get(name) ?? '';
}

function num(m: AmiMessage, name: string): number {
  const n = Number(m.get(name));
  return Number.isFinite(n) ? n : 0;
}

function flag(m: AmiMessage, name: string): boolean {
  const v = (m.get(name) ?? '').toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}

function channelRef(m: AmiMessage): ChannelRef {
  return {
    channel: str(m, 'Channel'),
    uniqueid: str(m, 'Uniqueid'),
    linkedid: str(m, 'Linkedid'),
    callerIdNum: str(m, 'CallerIDNum'),
    callerIdName: str(m, 'CallerIDName'),
  };
}

function agentCall(m: AmiMessage): AgentCallData {
  return {
    ...channelRef(m),
    queue: str(m, 'Queue'),
    interface: str(m, 'Interface'),
    memberName: str(m, 'MemberName'),
    destChannel: str(m, 'DestChannel'),
    destUniqueid: str(m, 'DestUniqueid'),
  };
}

/** app_agent_pool's login events: the logged-in channel's snapshot, and `Agent`. */
function agentPoolLogin(m: AmiMessage): AgentPoolLoginData {
  const ref = channelRef(m);
  return { ...ref, agentId: str(m, 'Agent'), device: deviceOfChannel(ref.channel) };
}

/** Both spellings: events say Interface/MemberName, the QueueStatus item says Location/Name. */
export function queueMember(m: AmiMessage): QueueMemberData {
  return {
    queue: str(m, 'Queue'),
    interface: m.get('Interface') ?? m.get('Location') ?? '',
    memberName: m.get('MemberName') ?? m.get('Name') ?? '',
    stateInterface: str(m, 'StateInterface'),
    membership: str(m, 'Membership'),
    penalty: num(m, 'Penalty'),
    callsTaken: num(m, 'CallsTaken'),
    inCall: flag(m, 'InCall'),
    status: deviceStatus(m.get('Status')),
    paused: flag(m, 'Paused'),
    pausedReason: str(m, 'PausedReason'),
  };
}

/** Asterisk's numeric device state (AST_DEVICE_*) as a name; out of range → unknown. */
export function deviceStatus(value: string | undefined): DeviceStatusName {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n < DEVICE_STATUS_NAMES.length ? DEVICE_STATUS_NAMES[n] : 'unknown';
}

function completionReason(value: string | undefined): 'agent' | 'caller' | 'transfer' | 'unknown' {
  return value === 'agent' || value === 'caller' || value === 'transfer' ? value : 'unknown';
}
