import type { AgentStreamEvent, RepairAction, RepairReason } from '@switchboard/contracts';
import { AGENT, AT, BINDING, wasLoggedIn, wasLoggedOut, wasPaused } from '../testing/agent-fixtures';
import { given } from '../testing/given-when-then';
import { OTHER_INTERFACE, member, reconcile } from '../testing/membership-fixtures';

function repaired(
  queue: string,
  repair: RepairAction,
  reason: RepairReason,
  extra: Record<string, string> = {},
  iface = BINDING.interface,
): AgentStreamEvent {
  return {
    type: 'MembershipRepaired',
    data: { agentId: AGENT, pbxId: 'pbx1', queue, interface: iface, repair, reason, ...extra, snapshotId: 'snap-1', at: AT },
    metadata: { schemaVersion: 1, occurredAt: AT, causationId: 'rec-snap-1' },
  } as AgentStreamEvent;
}

describe('Agent decider: reconciliation with the PBX snapshot', () => {
  it('agrees when the PBX holds exactly the sessions', () => {
    given(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch'))
      .when(reconcile([member('helpdesk', true)]))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'in-step' }] });
  });

  it('removes a member no session holds (astdb-persisted after a restart)', () => {
    given()
      .when(reconcile([member('sales')]))
      .then([repaired('sales', 'removed', 'no-session')]);
    given(wasLoggedIn('sales'), wasLoggedOut('sales'))
      .when(reconcile([member('sales')]))
      .then([repaired('sales', 'removed', 'no-session')]);
  });

  it('removes the agent’s member on another interface than the session’s (stale binding)', () => {
    given(wasLoggedIn('helpdesk'))
      .when(reconcile([member('helpdesk'), member('helpdesk', false, OTHER_INTERFACE)]))
      .then([repaired('helpdesk', 'removed', 'stale-binding', {}, OTHER_INTERFACE)]);
  });

  it('re-adds a session’s member the PBX lost, paused when the session is', () => {
    given(wasLoggedIn('helpdesk'))
      .when(reconcile([]))
      .then([
        repaired('helpdesk', 'added', 'missing-on-pbx', {
          stateInterface: BINDING.stateInterface,
          memberName: BINDING.memberName,
        }),
      ]);
    given(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch'))
      .when(reconcile([]))
      .then([
        repaired('helpdesk', 'added', 'missing-on-pbx', {
          stateInterface: BINDING.stateInterface,
          memberName: BINDING.memberName,
          pauseReason: 'Lunch',
        }),
      ]);
  });

  it('corrects a pause that differs from the session', () => {
    given(wasLoggedIn('helpdesk'))
      .when(reconcile([member('helpdesk', true)]))
      .then([repaired('helpdesk', 'unpaused', 'pause-mismatch')]);
    given(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch'))
      .when(reconcile([member('helpdesk', false)]))
      .then([repaired('helpdesk', 'paused', 'pause-mismatch', { pauseReason: 'Lunch' })]);
  });

  it('leaves a session on another PBX alone and removes its queue’s member on this one', () => {
    given(wasLoggedIn('helpdesk', 'pbx2'))
      .when(reconcile([member('helpdesk')]))
      .then([repaired('helpdesk', 'removed', 'no-session')]);
  });

  it('repairs once per snapshot: the same snapshot again decides nothing', () => {
    given(wasLoggedIn('helpdesk'), repaired('helpdesk', 'added', 'missing-on-pbx'))
      .when(reconcile([]))
      .then([]);
  });

  it('leaves a queue decided after the snapshot settled to the reactor', () => {
    given(wasLoggedIn('helpdesk'))
      .when(reconcile([], 'snap-1', '2026-11-23T07:59:59.000Z'))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'pending' }] });
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales'))
      .when(reconcile([member('sales')], 'snap-1', '2026-11-23T07:59:59.000Z'))
      .then([]);
  });

  it('refuses a snapshot without id or settle time', () => {
    given().when(reconcile([], '')).thenThrows('invalid_input');
    given().when(reconcile([], 'snap-1', 'later')).thenThrows('invalid_input');
  });
});
