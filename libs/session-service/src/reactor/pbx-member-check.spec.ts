import type { PbxActionReply } from '@switchboard/contracts';
import { memberInReply, sameMembership } from './pbx-member-check';

const reply = (items: Array<Record<string, string>>, ok = true): PbxActionReply => ({ ok, response: ok ? 'Success' : 'Error', message: '', fields: {}, items });
const IFACE = 'Local/1001@agent-phones/n';

describe('memberInReply: a member as QueueStatus shows it', () => {
  it('finds the member by Location, paused or not', () => {
    expect(memberInReply(reply([{ Event: 'QueueMember', Location: IFACE, Paused: '1' }]), IFACE)).toEqual({ member: 'present', paused: true });
    expect(memberInReply(reply([{ Event: 'QueueMember', Location: IFACE, Paused: '0' }]), IFACE)).toEqual({ member: 'present', paused: false });
  });

  it('is absent when the list does not hold it, and unknown when the PBX did not answer', () => {
    expect(memberInReply(reply([{ Event: 'QueueParams', Queue: 'helpdesk' }]), IFACE)).toEqual({ member: 'absent', paused: false });
    expect(memberInReply(reply([], false), IFACE)).toBeUndefined();
  });

  it('compares the pause only of members that are there', () => {
    expect(sameMembership({ member: 'absent', paused: true }, { member: 'absent', paused: false })).toBe(true);
    expect(sameMembership({ member: 'present', paused: true }, { member: 'present', paused: false })).toBe(false);
  });
});
