import { PBX_EVENT_SCHEMA_VERSION, type PbxEventMetadata } from '@switchboard/contracts';
import type { CallPbxEvent } from '../call-fact';

/**
 * A small local AMI → PBX event mapper for the call events only, so these tests read the real
 * captures without depending on @switchboard/ami. Field for field as contracts/pbx-events.ts says.
 */

export type AmiHeaders = Readonly<Record<string, string>>;

/** `Key: Value` lines of one frame; the first occurrence of a key wins. */
export function headersOf(raw: string): AmiHeaders {
  const headers: Record<string, string> = {};
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0 && !(line.slice(0, colon) in headers))
      headers[line.slice(0, colon)] = line.slice(colon + 2);
  }
  return headers;
}

function num(h: AmiHeaders, key: string): number {
  const value = Number(h[key]);
  if (!Number.isFinite(value)) throw new Error(`${h['Event']}: ${key} is not a number: ${h[key]}`);
  return value;
}

function text(h: AmiHeaders, key: string): string {
  const value = h[key];
  if (value === undefined) throw new Error(`${h['Event']}: no ${key}`);
  return value;
}

const reasons = ['agent', 'caller', 'transfer'] as const;
const CALL_EVENTS = new Set([
  'QueueCallerJoin',
  'QueueCallerLeave',
  'QueueCallerAbandon',
  'AgentCalled',
  'AgentConnect',
  'AgentComplete',
  'AgentRingNoAnswer',
  'Hangup',
]);

/** The typed call event of a frame, or undefined for any other event. */
export function callEventOf(h: AmiHeaders, metadata: PbxEventMetadata): CallPbxEvent | undefined {
  const event = h['Event'];
  if (event === undefined || !CALL_EVENTS.has(event)) return undefined;
  const channel = {
    channel: text(h, 'Channel'),
    uniqueid: text(h, 'Uniqueid'),
    linkedid: text(h, 'Linkedid'),
    callerIdNum: h['CallerIDNum'] ?? '',
    callerIdName: h['CallerIDName'] ?? '',
  };
  const agent = () => ({
    ...channel,
    queue: text(h, 'Queue'),
    interface: text(h, 'Interface'),
    memberName: h['MemberName'] ?? '',
    destChannel: h['DestChannel'] ?? '',
    destUniqueid: h['DestUniqueid'] ?? '',
  });
  switch (event) {
    case 'QueueCallerJoin':
      return {
        type: 'QueueCallerJoined',
        data: {
          ...channel,
          queue: text(h, 'Queue'),
          position: num(h, 'Position'),
          count: num(h, 'Count'),
        },
        metadata,
      };
    case 'QueueCallerLeave':
      return {
        type: 'QueueCallerLeft',
        data: {
          ...channel,
          queue: text(h, 'Queue'),
          position: num(h, 'Position'),
          count: num(h, 'Count'),
        },
        metadata,
      };
    case 'QueueCallerAbandon':
      return {
        type: 'QueueCallerAbandoned',
        data: {
          ...channel,
          queue: text(h, 'Queue'),
          position: num(h, 'Position'),
          originalPosition: num(h, 'OriginalPosition'),
          holdTimeSeconds: num(h, 'HoldTime'),
        },
        metadata,
      };
    case 'AgentCalled':
      return { type: 'AgentCalled', data: agent(), metadata };
    case 'AgentConnect':
      return {
        type: 'AgentConnected',
        data: {
          ...agent(),
          holdTimeSeconds: num(h, 'HoldTime'),
          ringTimeSeconds: num(h, 'RingTime'),
        },
        metadata,
      };
    case 'AgentComplete': {
      const reason = reasons.find((r) => r === h['Reason']) ?? 'unknown';
      return {
        type: 'AgentCompleted',
        data: {
          ...agent(),
          holdTimeSeconds: num(h, 'HoldTime'),
          talkTimeSeconds: num(h, 'TalkTime'),
          reason,
        },
        metadata,
      };
    }
    case 'AgentRingNoAnswer':
      // Milliseconds on this one event (see the captures' README).
      return {
        type: 'AgentRingNoAnswer',
        data: { ...agent(), ringTimeSeconds: num(h, 'RingTime') / 1000 },
        metadata,
      };
    case 'Hangup':
      return {
        type: 'Hangup',
        data: { ...channel, cause: num(h, 'Cause'), causeText: h['Cause-txt'] ?? '' },
        metadata,
      };
    default:
      return undefined;
  }
}

export function metadataAt(occurredAt: string, seq = 1): PbxEventMetadata {
  return {
    schemaVersion: PBX_EVENT_SCHEMA_VERSION,
    pbxId: 'pbx1',
    connectionId: 'c1',
    seq,
    occurredAt,
  };
}
