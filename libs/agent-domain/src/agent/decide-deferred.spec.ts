import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import {
  AGENT,
  AT,
  changeLogin,
  loggedOut,
  metaOf,
  pause,
  paused,
  wasLoggedIn,
} from '../testing/agent-fixtures';
import { given } from '../testing/given-when-then';

const inCall = <C extends AgentCommand>(command: C): AgentCommand => ({ ...command, inCall: true }) as AgentCommand;
const release: AgentCommand = { type: 'ReleaseDeferred', commandId: 'rel', agentId: AGENT, at: AT, via: 'system' };
const released: AgentStreamEvent = { type: 'DeferredReleased', data: { agentId: AGENT, at: AT }, metadata: metaOf('rel') };

const pauseDeferred: AgentStreamEvent = {
  type: 'PauseDeferred',
  data: { agentId: AGENT, reason: 'Lunch', via: 'desktop', at: AT },
  metadata: metaOf('p'),
};
const logoutDeferred = (queues: string[]): AgentStreamEvent => ({
  type: 'LogoutDeferred',
  data: { agentId: AGENT, queues, via: 'feature-code', at: AT },
  metadata: metaOf('cmd-1', 'cmd-1'),
});

describe('Agent decider: pause or logout during a call is deferred until the call ends', () => {
  it('defers a pause asked for during a call, and says so per queue', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales')).when(inCall(pause('Lunch'))).then([pauseDeferred]);
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales'))
      .when(inCall(pause('Lunch')))
      .thenOutcome({
        outcomes: [
          { queue: 'helpdesk', result: 'deferred' },
          { queue: 'sales', result: 'deferred' },
        ],
      });
  });

  it('defers a logout asked for during a call; the phone still announces logged in', () => {
    given(wasLoggedIn('helpdesk')).when(inCall(changeLogin('logout', ['helpdesk', 'sales']))).then([logoutDeferred(['helpdesk'])]);
    given(wasLoggedIn('helpdesk'))
      .when(inCall(changeLogin('toggle', ['helpdesk'])))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'deferred' }], status: 'logged-in' });
  });

  it('does not defer a login, whatever the call', () => {
    given()
      .when(inCall(changeLogin('login', ['helpdesk'])))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'logged-in' }], status: 'logged-in' });
  });

  it('applies the deferred pause when the call ends', () => {
    const expected = paused('helpdesk', 'Lunch');
    given(wasLoggedIn('helpdesk'), pauseDeferred)
      .when(release)
      .then([released, { ...expected, metadata: metaOf('rel') } as AgentStreamEvent]);
  });

  it('applies a deferred logout before a deferred pause, which then has nothing left to pause', () => {
    const out = loggedOut('helpdesk');
    given(wasLoggedIn('helpdesk'), pauseDeferred, logoutDeferred(['helpdesk']))
      .when(release)
      .then([released, { ...out, data: { ...out.data, via: 'feature-code' }, metadata: metaOf('rel') } as AgentStreamEvent]);
  });

  it('releases nothing when nothing was deferred, and nothing twice', () => {
    given(wasLoggedIn('helpdesk')).when(release).then([]);
    given(wasLoggedIn('helpdesk'), pauseDeferred, released).when(release).then([]);
  });
});
