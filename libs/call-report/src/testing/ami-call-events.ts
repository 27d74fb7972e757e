import {
  PBX_EVENT_SCHEMA_VERSION,
  type PbxEventMetadata,
  type TransferChannelRef,
} from '@switchboard/contracts';
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
  'BlindTransfer',
  'AttendedTransfer',
]);

/** A prefixed channel snapshot of a transfer event; the device as Asterisk names it (the name up
 *  to its last `-`, without the Local half's `;1`/`;2`). */
function transferChannel(h: AmiHeaders, prefix: string): TransferChannelRef {
  const channel = text(h, `${prefix}Channel`);
  return {
    channel,
    uniqueid: text(h, `${prefix}Uniqueid`),
    linkedid: text(h, `${prefix}Linkedid`),
    device: /^(.+)-[0-9a-fA-F]+(?:;[12])?$/.exec(channel)?.[1] ?? channel,
  };
}

/** The typed call event of a frame, or undefined for any other event. */
export function callEventOf(h: AmiHeaders, metadata: PbxEventMetadata): CallPbxEvent | undefined {
  const event = h['Event'];
  if (event === undefined || !CALL_EVENTS.has(event)) return undefined;
  // Transfers name their channels under prefixes, and no Channel of their own.
  if (event === 'BlindTransfer') {
    return {
      type: 'CallTransferred',
      data: {
        kind: 'blind',
        result: text(h, 'Result'),
        transferer: transferChannel(h, 'Transferer'),
        transferee: transferChannel(h, 'Transferee'),
        isExternal: text(h, 'IsExternal') === 'Yes',
        context: text(h, 'Context'),
        exten: text(h, 'Extension'),
      },
      metadata,
    };
  }
  if (event === 'AttendedTransfer') {
    return {
      type: 'CallTransferred',
      data: {
        kind: 'attended',
        result: text(h, 'Result'),
        transferer: transferChannel(h, 'OrigTransferer'),
        secondTransferer: transferChannel(h, 'SecondTransferer'),
        transferee: transferChannel(h, 'Transferee'),
        isExternal: text(h, 'IsExternal') === 'Yes',
        destType: text(h, 'DestType'),
      },
      metadata,
    };
  }
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
