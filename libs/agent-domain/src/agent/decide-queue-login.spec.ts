import { AGENT_EVENT_SCHEMA_VERSION, type AgentCommand } from '@switchboard/contracts';
import {
  AGENT,
  AT,
  BINDING,
  changeLogin,
  loggedIn,
  loggedOut,
  wasLoggedIn,
  wasLoggedOut,
  wasPaused,
} from '../testing/agent-fixtures';
import { given } from '../testing/given-when-then';

describe('Agent decider: queue login by number (811, 8111, 8110)', () => {
  it('toggle logs a logged-out agent in', () => {
    given()
      .when(changeLogin('toggle', ['helpdesk']))
      .then([loggedIn('helpdesk')]);
    given()
      .when(changeLogin('toggle', ['helpdesk']))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'logged-in' }], status: 'logged-in' });
  });

  it('toggle logs a logged-in agent out', () => {
    given(wasLoggedIn('helpdesk'))
      .when(changeLogin('toggle', ['helpdesk']))
      .then([loggedOut('helpdesk')]);
    given(wasLoggedIn('helpdesk'))
      .when(changeLogin('toggle', ['helpdesk']))
      .thenOutcome({
        outcomes: [{ queue: 'helpdesk', result: 'logged-out' }],
        status: 'logged-out',
      });
  });

  it('toggle after a logout logs in again', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedOut('helpdesk'))
      .when(changeLogin('toggle', ['helpdesk']))
      .then([loggedIn('helpdesk')]);
  });

  it('direct login when already logged in records nothing, and says so', () => {
    given(wasLoggedIn('helpdesk'))
      .when(changeLogin('login', ['helpdesk']))
      .then([]);
    given(wasLoggedIn('helpdesk'))
      .when(changeLogin('login', ['helpdesk']))
      .thenOutcome({
        outcomes: [{ queue: 'helpdesk', result: 'already-logged-in' }],
        status: 'logged-in',
      });
  });

  it('direct logout when already logged out records nothing, and says so', () => {
    given()
      .when(changeLogin('logout', ['helpdesk']))
      .then([]);
    given(wasLoggedIn('helpdesk'), wasLoggedOut('helpdesk'))
      .when(changeLogin('logout', ['helpdesk']))
      .thenOutcome({
        outcomes: [{ queue: 'helpdesk', result: 'already-logged-out' }],
        status: 'logged-out',
      });
  });

  it('direct login and logout act when there is something to do', () => {
    given()
      .when(changeLogin('login', ['helpdesk']))
      .then([loggedIn('helpdesk')]);
    given(wasLoggedIn('helpdesk'))
      .when(changeLogin('logout', ['helpdesk']))
      .then([loggedOut('helpdesk')]);
  });

  it('logs out of the membership recorded at login, not the one the command brings', () => {
    const expected = loggedOut('helpdesk');
    given(wasLoggedIn('helpdesk', 'pbx2', 'Local/1002@other-phones/n'))
      .when(changeLogin('logout', ['helpdesk']))
      .then([
        {
          ...expected,
          data: { ...expected.data, pbxId: 'pbx2', interface: 'Local/1002@other-phones/n' },
        } as typeof expected,
      ]);
  });
});

describe('Agent decider: the global number (900, 9001, 9000) over all the agent’s queues', () => {
  it('logged in on one of two queues → logs out of that one only', () => {
    given(wasLoggedIn('sales'))
      .when(changeLogin('toggle', ['helpdesk', 'sales']))
      .then([loggedOut('sales')]);
    given(wasLoggedIn('sales'))
      .when(changeLogin('toggle', ['helpdesk', 'sales']))
      .thenOutcome({
        outcomes: [
          { queue: 'helpdesk', result: 'already-logged-out' },
          { queue: 'sales', result: 'logged-out' },
        ],
        status: 'logged-out',
      });
  });

  it('logged out everywhere → logs in to every queue, in the command’s order', () => {
    given()
      .when(changeLogin('toggle', ['helpdesk', 'sales']))
      .then([loggedIn('helpdesk'), loggedIn('sales')]);
  });

  it('direct login completes a partial login', () => {
    given(wasLoggedIn('helpdesk'))
      .when(changeLogin('login', ['helpdesk', 'sales']))
      .thenOutcome({
        outcomes: [
          { queue: 'helpdesk', result: 'already-logged-in' },
          { queue: 'sales', result: 'logged-in' },
        ],
        status: 'logged-in',
      });
  });

  it('direct logout leaves every queue', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedIn('sales'))
      .when(changeLogin('logout', ['helpdesk', 'sales']))
      .then([loggedOut('helpdesk'), loggedOut('sales')]);
  });
});

describe('Agent decider: event metadata', () => {
  it('carries the command’s time, correlation and causation, and the schema version', () => {
    const [event] = given()
      .when(changeLogin('toggle', ['helpdesk'], 'fc-pbx1-1795335069.3'))
      .then([loggedIn('helpdesk', 'fc-pbx1-1795335069.3')]).events;
    expect(event.metadata).toStrictEqual({
      schemaVersion: AGENT_EVENT_SCHEMA_VERSION,
      occurredAt: AT,
      correlationId: 'fc-pbx1-1795335069.3',
      causationId: 'fc-pbx1-1795335069.3',
    });
  });

  it('leaves out a correlation id the command does not have', () => {
    const command = { ...changeLogin('toggle', ['helpdesk']), correlationId: undefined };
    const [event] = given()
      .when(command)
      .then([
        {
          ...loggedIn('helpdesk'),
          metadata: {
            schemaVersion: AGENT_EVENT_SCHEMA_VERSION,
            occurredAt: AT,
            causationId: 'cmd-1',
          },
        },
      ]).events;
    expect('correlationId' in event.metadata).toBe(false);
  });
});

describe('Agent decider: refused login commands', () => {
  it.each([
    ['no queue', changeLogin('toggle', [])],
    ['a queue twice', changeLogin('login', ['helpdesk', 'helpdesk'])],
    ['a blank queue', changeLogin('login', [' '])],
    ['no pbx', { ...changeLogin('login', ['helpdesk']), pbxId: '' }],
    [
      'no member interface',
      { ...changeLogin('login', ['helpdesk']), binding: { ...BINDING, interface: '' } },
    ],
    ['no agent', { ...changeLogin('login', ['helpdesk']), agentId: '' }],
    ['no command id', { ...changeLogin('login', ['helpdesk']), commandId: '' }],
    ['a time that is no time', { ...changeLogin('login', ['helpdesk']), at: 'yesterday' }],
  ])('refuses %s as invalid_input', (_what, command) => {
    given().when(command).thenThrows('invalid_input');
  });

  it('refuses a command for another agent than the stream’s', () => {
    given(wasLoggedIn('helpdesk'))
      .when({ ...changeLogin('toggle', ['helpdesk']), agentId: `${AGENT}9` })
      .thenThrows('agent_mismatch');
  });
});

describe('Agent decider: members join paused where a pause is pending', () => {
  const joinedPaused = (queue: string, reason: string) => {
    const event = loggedIn(queue);
    return { ...event, data: { ...event.data, paused: true, pauseReason: reason } } as typeof event;
  };

  it('joins paused when the login asks for it', () => {
    given()
      .when({ ...changeLogin('login', ['helpdesk']), pauseReason: 'Training' } as AgentCommand)
      .then([joinedPaused('helpdesk', 'Training')]);
  });

  it('joins paused when the agent is on a break in every queue it is in', () => {
    given(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch'))
      .when(changeLogin('login', ['helpdesk', 'sales']))
      .then([joinedPaused('sales', 'Lunch')]);
  });

  it('joins active when only some queues are paused, or for different reasons', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedIn('other'), wasPaused('helpdesk', 'Lunch'))
      .when(changeLogin('login', ['sales']))
      .then([loggedIn('sales')]);
    given(
      wasLoggedIn('helpdesk'),
      wasLoggedIn('other'),
      wasPaused('helpdesk', 'Lunch'),
      wasPaused('other', 'Break'),
    )
      .when(changeLogin('login', ['sales']))
      .then([loggedIn('sales')]);
  });

  it('refuses a blank pause reason on a login', () => {
    given()
      .when({ ...changeLogin('login', ['helpdesk']), pauseReason: ' ' } as AgentCommand)
      .thenThrows('invalid_input');
  });
});
