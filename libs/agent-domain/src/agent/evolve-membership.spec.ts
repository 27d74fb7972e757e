import type { AgentStreamEvent } from '@switchboard/contracts';
import { decidedAtOf, initialState, isConfirmed, pbxViewOf } from './agent-state';
import { evolve } from './evolve';
import { AT, BINDING, EARLIER, wasLoggedIn, wasLoggedOut, wasPaused } from '../testing/agent-fixtures';
import { wasConfirmed } from '../testing/membership-fixtures';

const fold = (...events: AgentStreamEvent[]) => events.reduce(evolve, initialState());

describe('Agent evolve: what the PBX showed', () => {
  it('a queue never decided needs nothing shown; a decision is unconfirmed until the PBX shows it', () => {
    expect(isConfirmed(initialState(), 'helpdesk')).toBe(true);
    expect(isConfirmed(fold(wasLoggedIn('helpdesk')), 'helpdesk')).toBe(false);
    expect(isConfirmed(fold(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present')), 'helpdesk')).toBe(true);
  });

  it('a later decision is unconfirmed again until the PBX shows it too', () => {
    const state = fold(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present'), wasPaused('helpdesk', 'Lunch'));
    expect(isConfirmed(state, 'helpdesk')).toBe(false);
    expect(isConfirmed(evolve(state, wasConfirmed('helpdesk', 'present', true)), 'helpdesk')).toBe(true);
    const out = fold(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present'), wasLoggedOut('helpdesk'));
    expect(isConfirmed(out, 'helpdesk')).toBe(false);
    expect(pbxViewOf(evolve(out, wasConfirmed('helpdesk', 'absent')), 'helpdesk')).toEqual({ member: 'absent', paused: false, interface: BINDING.interface });
  });

  it('stamps each queue with the time of its last decision or repair, not of a confirmation', () => {
    const state = fold(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present'));
    expect(decidedAtOf(state, 'helpdesk')).toBe(EARLIER);
    const repaired = evolve(state, {
      type: 'MembershipRepaired',
      data: { agentId: '1002', pbxId: 'pbx1', queue: 'helpdesk', interface: BINDING.interface, repair: 'unpaused', reason: 'pause-mismatch', snapshotId: 's', at: AT },
      metadata: { schemaVersion: 1, occurredAt: AT },
    });
    expect(decidedAtOf(repaired, 'helpdesk')).toBe(AT);
    // A repair is a decision: the PBX view waits for the PBX.
    expect(pbxViewOf(repaired, 'helpdesk')).toEqual(pbxViewOf(state, 'helpdesk'));
  });
});
