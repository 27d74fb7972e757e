import { given } from '../testing/given-when-then';
import {
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
