import type { PbxActionReply, PbxMembership } from '@switchboard/contracts';

/**
 * The member as a `QueueStatus Queue=<q> Member=<iface>` reply shows it (items `Event: QueueMember`
 * with `Location`, `Paused`), or undefined when the PBX did not answer: unknown is not absent.
 */
export function memberInReply(reply: PbxActionReply, iface: string): PbxMembership | undefined {
  if (!reply.ok) return undefined;
  const item = (reply.items ?? []).find((i) => i['Event'] === 'QueueMember' && i['Location'] === iface);
  if (!item) return { member: 'absent', paused: false };
  return { member: 'present', paused: item['Paused'] === '1' };
}

export function sameMembership(a: PbxMembership, b: PbxMembership): boolean {
  return a.member === b.member && (a.member === 'absent' || a.paused === b.paused);
}
