import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { AGENT, AT, BINDING, metaOf, wasLoggedIn, wasLoggedOut } from '../testing/agent-fixtures';
import { given } from '../testing/given-when-then';
import { logOutEverywhere } from '../testing/membership-fixtures';

describe('Agent decider: log out everywhere (force logout, auto-logout)', () => {
  const out = (queue: string, reason: string, pbxId = 'pbx1') => ({
    type: 'AgentLoggedOut' as const,
    data: { agentId: AGENT, pbxId, queue, interface: BINDING.interface, via: 'supervisor' as const, reason, at: AT },
    metadata: metaOf('out'),
  });

  it('leaves every logged-in queue, wherever its membership lives, with the reason', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales', 'pbx2'))
      .when(logOutEverywhere('forced'))
      .then([out('helpdesk', 'forced'), out('sales', 'forced', 'pbx2')]);
    given(wasLoggedIn('helpdesk'))
      .when(logOutEverywhere('end-of-shift'))
      .then([out('helpdesk', 'end-of-shift')]);
  });

  it('records nothing for an agent logged in nowhere', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedOut('helpdesk')).when(logOutEverywhere('forced')).then([]);
    given().when(logOutEverywhere('ring-no-answer')).thenOutcome({ outcomes: [], status: 'logged-out' });
  });
});

describe('Agent decider: ring-no-answer in a row logs out', () => {
  const offer = (answered: boolean, max = 3): AgentCommand => ({
    type: 'RecordQueueCallOffer',
    commandId: 'rna',
    agentId: AGENT,
    at: AT,
    via: 'system',
    queue: 'helpdesk',
    answered,
    maxRingNoAnswer: max,
  });
  const counted = (count: number): AgentStreamEvent => ({
    type: 'RingNoAnswerCounted',
    data: { agentId: AGENT, queue: 'helpdesk', count, at: AT },
    metadata: metaOf('rna'),
  });
  const reset: AgentStreamEvent = { type: 'RingNoAnswerCountReset', data: { agentId: AGENT, queue: 'helpdesk', at: AT }, metadata: metaOf('rna') };

  it('counts each call let ring out', () => {
    given(wasLoggedIn('helpdesk')).when(offer(false)).then([counted(1)]);
    given(wasLoggedIn('helpdesk'), counted(1)).when(offer(false)).then([counted(2)]);
  });

  it('an answer starts the count again (and records nothing when there is nothing to reset)', () => {
    given(wasLoggedIn('helpdesk'), counted(2)).when(offer(true)).then([reset]);
    given(wasLoggedIn('helpdesk')).when(offer(true)).then([]);
    given(wasLoggedIn('helpdesk'), counted(2), reset).when(offer(false)).then([counted(1)]);
  });

  it('the Nth in a row logs the agent out of every queue with reason ring-no-answer', () => {
    const out = (queue: string) => ({
      type: 'AgentLoggedOut' as const,
      data: { agentId: AGENT, pbxId: 'pbx1', queue, interface: BINDING.interface, via: 'system' as const, reason: 'ring-no-answer', at: AT },
      metadata: metaOf('rna'),
    });
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales'), counted(1), counted(2))
      .when(offer(false))
      .then([counted(3), out('helpdesk'), out('sales'), reset]);
  });

  it('never logs out with a maximum of 0, and refuses a negative one', () => {
    given(wasLoggedIn('helpdesk'), counted(9)).when(offer(false, 0)).then([counted(10)]);
    given().when(offer(false, -1)).thenThrows('invalid_input');
  });
});
