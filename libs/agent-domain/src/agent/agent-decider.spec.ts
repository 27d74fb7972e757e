import {
  AGENT_EVENT_SCHEMA_VERSION,
  type AgentCommand,
  type AgentEvent,
  type LoginMode,
} from '@switchboard/contracts';
import { given } from '../testing/given-when-then';

const binding = { interface: 'Local/1002@agent-phones/n', stateInterface: 'SIP/1002', memberName: 'Agent 1002' };
const AT = '2026-11-23T09:00:00.000Z';

function login(mode: LoginMode, queues: string[], commandId = 'cmd-1'): AgentCommand {
  return { type: 'ChangeQueueLogin', commandId, agentId: '1002', at: AT, via: 'feature-code', correlationId: commandId, pbxId: 'pbx1', mode, queues, binding };
}

const meta = (commandId = 'cmd-1') => ({ schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: AT, correlationId: commandId, causationId: commandId });

function loggedIn(queue: string, at = '2026-11-23T08:00:00.000Z'): AgentEvent {
  return {
    type: 'AgentLoggedIn',
    data: { agentId: '1002', pbxId: 'pbx1', queue, ...binding, via: 'feature-code', at, paused: false },
    metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at },
  };
}

function loggedOut(queue: string, commandId = 'cmd-1'): AgentEvent {
  return {
    type: 'AgentLoggedOut',
    data: { agentId: '1002', pbxId: 'pbx1', queue, interface: binding.interface, via: 'feature-code', reason: 'requested', at: AT },
    metadata: meta(commandId),
  };
}

const newLogin = (queue: string, commandId = 'cmd-1'): AgentEvent => ({ ...loggedIn(queue, AT), metadata: meta(commandId) });

describe('Agent decider: queue login', () => {
  it('toggle logs a logged-out agent in', () => {
    given().when(login('toggle', ['helpdesk'])).then([newLogin('helpdesk')]);
  });

  it('toggle logs a logged-in agent out', () => {
    given(loggedIn('helpdesk')).when(login('toggle', ['helpdesk'])).then([loggedOut('helpdesk')]);
  });

  it('direct login when already logged in changes nothing, and says so', () => {
    given(loggedIn('helpdesk'))
      .when(login('login', ['helpdesk']))
      .thenOutcomes([{ queue: 'helpdesk', result: 'already-logged-in' }]);
    given(loggedIn('helpdesk')).when(login('login', ['helpdesk'])).then([]);
  });

  it('direct logout when already logged out changes nothing, and says so', () => {
    given().when(login('logout', ['helpdesk'])).then([]);
    given(loggedIn('helpdesk'), loggedOut('helpdesk', 'old'))
      .when(login('logout', ['helpdesk']))
      .thenOutcomes([{ queue: 'helpdesk', result: 'already-logged-out' }]);
  });

  it('direct login and logout act regardless of the current state otherwise', () => {
    given().when(login('login', ['helpdesk'])).then([newLogin('helpdesk')]);
    given(loggedIn('helpdesk')).when(login('logout', ['helpdesk'])).then([loggedOut('helpdesk')]);
  });

  it('global toggle: logged in on one of two queues → logged out of that one', () => {
    given(loggedIn('sales'))
      .when(login('toggle', ['helpdesk', 'sales']))
      .thenOutcomes([
        { queue: 'helpdesk', result: 'already-logged-out' },
        { queue: 'sales', result: 'logged-out' },
      ]);
    given(loggedIn('sales')).when(login('toggle', ['helpdesk', 'sales'])).then([loggedOut('sales')]);
  });

  it('global toggle: logged out everywhere → logged into every queue', () => {
    given().when(login('toggle', ['helpdesk', 'sales'])).then([newLogin('helpdesk'), newLogin('sales')]);
  });

  it('global direct login completes a partial login', () => {
    given(loggedIn('helpdesk')).when(login('login', ['helpdesk', 'sales'])).then([newLogin('sales')]);
  });

  it('refuses a login command without queues', () => {
    given().when(login('toggle', [])).thenThrows('invalid_input');
  });
});

describe('Agent decider: pause', () => {
  const pause = (reason: string, queues?: string[]): AgentCommand => ({ type: 'Pause', commandId: 'p', agentId: '1002', at: AT, via: 'desktop', reason, queues });
  const unpause = (queues?: string[]): AgentCommand => ({ type: 'Unpause', commandId: 'u', agentId: '1002', at: AT, via: 'desktop', queues });
  const paused = (queue: string, reason: string): AgentEvent => ({
    type: 'AgentPaused',
    data: { agentId: '1002', pbxId: 'pbx1', queue, interface: binding.interface, reason, via: 'desktop', at: AT },
    metadata: { ...meta('p'), correlationId: undefined },
  });

  it('pauses every logged-in queue when no queue is named', () => {
    given(loggedIn('helpdesk'), loggedIn('sales')).when(pause('Lunch')).then([paused('helpdesk', 'Lunch'), paused('sales', 'Lunch')]);
  });

  it('pauses one queue, and says which queues it could not pause', () => {
    given(loggedIn('helpdesk'))
      .when(pause('Lunch', ['helpdesk', 'sales']))
      .thenOutcomes([
        { queue: 'helpdesk', result: 'paused' },
        { queue: 'sales', result: 'not-logged-in' },
      ]);
  });

  it('pausing again with the same reason is a no-op; another reason re-pauses', () => {
    given(loggedIn('helpdesk'), paused('helpdesk', 'Lunch')).when(pause('Lunch')).then([]);
    given(loggedIn('helpdesk'), paused('helpdesk', 'Lunch')).when(pause('Meeting')).then([paused('helpdesk', 'Meeting')]);
  });

  it('unpauses paused queues only', () => {
    given(loggedIn('helpdesk'), loggedIn('sales'), paused('helpdesk', 'Lunch'))
      .when(unpause())
      .thenOutcomes([
        { queue: 'helpdesk', result: 'unpaused' },
        { queue: 'sales', result: 'not-paused' },
      ]);
  });

  it('requires a reason', () => {
    given(loggedIn('helpdesk')).when(pause('  ')).thenThrows('invalid_input');
  });
});

describe('Agent decider: disposition', () => {
  it('records the disposition of a call', () => {
    given()
      .when({ type: 'DisposeCall', commandId: 'd', agentId: '1002', at: AT, via: 'desktop', callId: '1795335069.14', code: 'sale', note: 'upsell' })
      .then([
        {
          type: 'CallDisposed',
          data: { agentId: '1002', callId: '1795335069.14', code: 'sale', note: 'upsell', at: AT },
          metadata: { ...meta('d'), correlationId: undefined },
        },
      ]);
  });

  it('refuses a disposition without a code', () => {
    given().when({ type: 'DisposeCall', commandId: 'd', agentId: '1002', at: AT, via: 'desktop', callId: 'c', code: '' }).thenThrows('invalid_input');
  });
});
