import type { PbxActionReply, QueueStatusSnapshot } from '@switchboard/contracts';
import { AmiMessage } from './ami-message';
import { queueMember } from './map-event';

/**
 * The items of a QueueStatus list reply (QueueParams, QueueMember, QueueEntry) as a snapshot body.
 * QueueMember items use Asterisk's other spelling (Location/Name); queueMember normalises it.
 */
export function queueStatusSnapshot(
  reply: PbxActionReply,
  reason: QueueStatusSnapshot['data']['reason'],
): QueueStatusSnapshot['data'] {
  const members: Array<QueueStatusSnapshot['data']['members'][number]> = [];
  const callers: Array<QueueStatusSnapshot['data']['callers'][number]> = [];
  for (const item of reply.items ?? []) {
    const m = new AmiMessage(Object.entries(item));
    if (m.get('Event') === 'QueueMember') members.push(queueMember(m));
    if (m.get('Event') === 'QueueEntry') {
      callers.push({
        queue: m.get('Queue') ?? '',
        position: Number(m.get('Position') ?? 0) || 0,
        channel: m.get('Channel') ?? '',
        uniqueid: m.get('Uniqueid') ?? '',
        callerIdNum: m.get('CallerIDNum') ?? '',
        waitSeconds: Number(m.get('Wait') ?? 0) || 0,
      });
    }
  }
  return { reason, members, callers };
}
