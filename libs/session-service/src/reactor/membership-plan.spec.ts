import type { AgentStreamEvent } from '@switchboard/contracts';
import { membershipPlanFor } from './membership-plan';
import { queueLogFor } from './queue-log';
import { blfAction } from './blf';

const META = { schemaVersion: 1, occurredAt: '2026-11-23T09:00:00.000Z' };
const MEMBER = { agentId: '1001', pbxId: 'pbx1', queue: 'helpdesk', interface: 'Local/1001@agent-phones/n' };
const AT = '2026-11-23T09:00:00.000Z';

function event(type: string, data: Record<string, unknown>): AgentStreamEvent {
  return { type, data: { ...MEMBER, at: AT, ...data }, metadata: META } as AgentStreamEvent;
}

describe('membershipPlanFor: the PBX action that carries an event out, and what confirms it', () => {
  it('adds a member paused, with its reason, in the QueueAdd itself when a pause is pending', () => {
    const plan = membershipPlanFor(event('AgentLoggedIn', { stateInterface: 'SIP/1001', memberName: 'Agent 1001', via: 'api', paused: true, pauseReason: 'Lunch' }));
    expect(plan).toEqual({
      ...MEMBER,
      action: { action: 'QueueAdd', queue: 'helpdesk', interface: MEMBER.interface, memberName: 'Agent 1001', stateInterface: 'SIP/1001', paused: true, reason: 'Lunch' },
      expected: { member: 'present', paused: true },
    });
  });

  it('removes on logout, pauses and unpauses in the one queue', () => {
    expect(membershipPlanFor(event('AgentLoggedOut', { via: 'api', reason: 'forced' }))?.action).toEqual({ action: 'QueueRemove', queue: 'helpdesk', interface: MEMBER.interface });
    expect(membershipPlanFor(event('AgentPaused', { via: 'api', reason: 'Lunch' }))).toMatchObject({
      action: { action: 'QueuePause', queue: 'helpdesk', paused: true, reason: 'Lunch' },
      expected: { member: 'present', paused: true },
    });
    expect(membershipPlanFor(event('AgentUnpaused', { via: 'system', reason: 'max-pause-exceeded' }))).toMatchObject({
      action: { action: 'QueuePause', paused: false },
      expected: { member: 'present', paused: false },
    });
  });

  it('carries repairs out like decisions', () => {
    const repaired = (repair: string, extra: Record<string, unknown> = {}) => event('MembershipRepaired', { repair, reason: 'x', snapshotId: 's', ...extra });
    expect(membershipPlanFor(repaired('removed'))?.expected).toEqual({ member: 'absent', paused: false });
    expect(membershipPlanFor(repaired('added', { stateInterface: 'SIP/1001', memberName: 'Agent 1001' }))?.action).toMatchObject({ action: 'QueueAdd', paused: false });
    expect(membershipPlanFor(repaired('added', { stateInterface: 'SIP/1001', memberName: 'Agent 1001', pauseReason: 'Lunch' }))?.action).toMatchObject({ paused: true, reason: 'Lunch' });
    expect(membershipPlanFor(repaired('paused', { pauseReason: 'Lunch' }))?.action).toMatchObject({ action: 'QueuePause', paused: true, reason: 'Lunch' });
  });

  it('asks nothing of the PBX for events that are not decisions about a member', () => {
    for (const type of ['CallDisposed', 'MembershipConfirmed', 'MembershipUnconfirmed', 'RingNoAnswerCounted', 'PauseDeferred', 'DeferredReleased']) {
      expect(membershipPlanFor(event(type, {}))).toBeNull();
    }
  });
});

describe('queue_log and BLF actions', () => {
  it('writes AGENTLOGIN with the device and AGENTLOGOFF with the reason, under the member name', () => {
    expect(queueLogFor(event('AgentLoggedIn', { stateInterface: 'SIP/1001', memberName: 'Agent 1001', via: 'api', paused: false }), 'Agent 1001')).toEqual({
      action: 'QueueLog',
      queue: 'helpdesk',
      event: 'AGENTLOGIN',
      interface: 'Agent 1001',
      message: 'SIP/1001',
    });
    expect(queueLogFor(event('AgentLoggedOut', { via: 'api', reason: 'end-of-shift' }), 'Agent 1001')).toMatchObject({ event: 'AGENTLOGOFF', message: 'end-of-shift' });
    // Asterisk writes PAUSE/UNPAUSE with the reason itself.
    expect(queueLogFor(event('AgentPaused', { via: 'api', reason: 'Lunch' }), 'Agent 1001')).toBeNull();
  });

  it('lights Custom:agent-<id>-<queue> while logged in', () => {
    expect(blfAction('1001', 'helpdesk', true)).toEqual({ action: 'Setvar', variable: 'DEVICE_STATE(Custom:agent-1001-helpdesk)', value: 'INUSE' });
    expect(blfAction('1001', 'helpdesk', false)).toMatchObject({ value: 'NOT_INUSE' });
  });
});
