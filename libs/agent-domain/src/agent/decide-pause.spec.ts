import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { given } from '../testing/given-when-then';
import {
  AGENT,
  AT,
  BINDING,
  metaOf,
  pause,
  paused,
  unpause,
  unpaused,
  wasLoggedIn,
  wasLoggedOut,
  wasPaused,
} from '../testing/agent-fixtures';

describe('Agent decider: pause', () => {
  it('pauses every logged-in queue when no queue is named', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales'))
      .when(pause('Lunch'))
      .then([paused('helpdesk', 'Lunch'), paused('sales', 'Lunch')]);
  });

  it('pauses the named queue only', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales'))
      .when(pause('Lunch', ['sales']))
      .then([paused('sales', 'Lunch')]);
  });

  it('says which named queues it could not pause', () => {
    given(wasLoggedIn('helpdesk'))
      .when(pause('Lunch', ['helpdesk', 'sales']))
      .thenOutcome({
        outcomes: [
          { queue: 'helpdesk', result: 'paused' },
          { queue: 'sales', result: 'not-logged-in' },
        ],
      });
  });

  it('pausing again with the same reason is a no-op; another reason re-pauses', () => {
    given(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch')).when(pause('Lunch')).then([]);
    given(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch'))
      .when(pause('Lunch'))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'already-paused' }] });
    given(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch'))
      .when(pause('Meeting'))
      .then([paused('helpdesk', 'Meeting')]);
  });

  it('has no login status to announce', () => {
    expect(
      given(wasLoggedIn('helpdesk'))
        .when(pause('Lunch'))
        .then([paused('helpdesk', 'Lunch')]).status,
    ).toBeUndefined();
  });

  it('requires a reason', () => {
    given(wasLoggedIn('helpdesk')).when(pause('  ')).thenThrows('invalid_input');
  });

  it('refuses to pause "all" when the agent is logged in nowhere', () => {
    given().when(pause('Lunch')).thenThrows('not_logged_in');
    given(wasLoggedIn('helpdesk'), wasLoggedOut('helpdesk'))
      .when(pause('Lunch'))
      .thenThrows('not_logged_in');
  });

  it('refuses an empty list of queues', () => {
    given(wasLoggedIn('helpdesk')).when(pause('Lunch', [])).thenThrows('invalid_input');
  });
});

describe('Agent decider: unpause', () => {
  it('unpauses every paused queue when no queue is named, and says which were not paused', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales'), wasPaused('helpdesk', 'Lunch'))
      .when(unpause())
      .then([unpaused('helpdesk')]);
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales'), wasPaused('helpdesk', 'Lunch'))
      .when(unpause())
      .thenOutcome({
        outcomes: [
          { queue: 'helpdesk', result: 'unpaused' },
          { queue: 'sales', result: 'not-paused' },
        ],
      });
  });

  it('unpauses the named queue only', () => {
    given(
      wasLoggedIn('helpdesk'),
      wasLoggedIn('sales'),
      wasPaused('helpdesk', 'Break'),
      wasPaused('sales', 'Break'),
    )
      .when(unpause(['sales']))
      .then([unpaused('sales')]);
  });

  it('reports a named queue the agent is not logged in to', () => {
    given(wasLoggedIn('helpdesk'))
      .when(unpause(['sales']))
      .thenOutcome({ outcomes: [{ queue: 'sales', result: 'not-logged-in' }] });
  });

  it('refuses to unpause "all" when the agent is logged in nowhere', () => {
    given().when(unpause()).thenThrows('not_logged_in');
  });
});

describe('Agent decider: a pause reason’s maximum length', () => {
  const LATER = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();
  const pauseFor = (maxMinutes: number) => ({ ...pause('Lunch'), maxMinutes }) as AgentCommand;
  const endExpired = (at: string): AgentCommand => ({ type: 'EndExpiredPauses', commandId: 'x', agentId: AGENT, at, via: 'system' });

  it('records until when the pause ends by itself', () => {
    const expected = paused('helpdesk', 'Lunch');
    given(wasLoggedIn('helpdesk'))
      .when(pauseFor(45))
      .then([{ ...expected, data: { ...expected.data, until: LATER(45) } } as AgentStreamEvent]);
  });

  it('unpauses, saying why, once the maximum has run out; not before', () => {
    const expected = paused('helpdesk', 'Lunch');
    const history = [wasLoggedIn('helpdesk'), { ...expected, data: { ...expected.data, until: LATER(45) } } as AgentStreamEvent];
    given(...history).when(endExpired(LATER(44))).then([]);
    given(...history)
      .when(endExpired(LATER(45)))
      .then([
        {
          type: 'AgentUnpaused',
          data: { agentId: AGENT, pbxId: 'pbx1', queue: 'helpdesk', interface: BINDING.interface, via: 'system', at: LATER(45), reason: 'max-pause-exceeded' },
          metadata: { ...metaOf('x'), occurredAt: LATER(45) },
        },
      ]);
  });

  it('leaves pauses without a maximum alone', () => {
    given(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Meeting')).when(endExpired(LATER(10_000))).then([]);
  });

  it('refuses a maximum that is no whole number of minutes', () => {
    given(wasLoggedIn('helpdesk')).when(pauseFor(0)).thenThrows('invalid_input');
  });
});
