import { describeAgent } from './agent-view';
import { initialState, isLoggedIn, loggedInQueues, sessionIn } from './agent-state';
import { evolve } from './evolve';
import {
  AGENT,
  BINDING,
  EARLIER,
  wasLoggedIn,
  wasLoggedOut,
  wasPaused,
} from '../testing/agent-fixtures';
import type { AgentEvent } from '@switchboard/contracts';

const fold = (...events: AgentEvent[]) => events.reduce(evolve, initialState());

describe('Agent evolve', () => {
  it('starts unknown, logged out everywhere', () => {
    expect(initialState()).toEqual({ status: 'unknown' });
    expect(sessionIn(initialState(), 'helpdesk')).toEqual({ status: 'logged-out' });
  });

  it('knows the agent from its first event and records the membership of a login', () => {
    expect(fold(wasLoggedIn('helpdesk'))).toEqual({
      status: 'known',
      agentId: AGENT,
      queues: {
        helpdesk: {
          status: 'logged-in',
          pbxId: 'pbx1',
          ...BINDING,
          since: EARLIER,
          pause: { status: 'active' },
        },
      },
      pbx: {},
      decidedAt: { helpdesk: EARLIER },
    });
  });

  it('lists the logged-in queues only', () => {
    const state = fold(wasLoggedIn('helpdesk'), wasLoggedIn('sales'), wasLoggedOut('helpdesk'));
    expect(loggedInQueues(state)).toEqual(['sales']);
    expect(isLoggedIn(state, 'helpdesk')).toBe(false);
  });

  it('keeps the pause with its reason and time until a logout', () => {
    const state = fold(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch'));
    expect(sessionIn(state, 'helpdesk')).toMatchObject({
      pause: { status: 'paused', reason: 'Lunch', since: EARLIER },
    });
    expect(sessionIn(evolve(state, wasLoggedOut('helpdesk')), 'helpdesk')).toEqual({
      status: 'logged-out',
    });
  });

  it('ignores a pause of a queue the agent is not logged in to (history is never refused)', () => {
    const state = fold(wasLoggedIn('helpdesk'));
    expect(evolve(state, wasPaused('sales', 'Lunch'))).toEqual(state);
  });

  it('does not mistake a queue named like an object property for a session', () => {
    expect(isLoggedIn(fold(wasLoggedIn('helpdesk')), 'constructor')).toBe(false);
    expect(isLoggedIn(initialState(), 'toString')).toBe(false);
  });

  it('is shown per directory queue, paused or not', () => {
    const state = fold(wasLoggedIn('helpdesk'), wasPaused('helpdesk', 'Lunch'));
    expect(
      describeAgent(
        {
          id: AGENT,
          name: 'Agent Two',
          line: 'SIP/1002',
          queues: ['helpdesk', 'sales'],
        },
        state,
      ),
    ).toEqual({
      id: AGENT,
      name: 'Agent Two',
      line: 'SIP/1002',
      queues: [
        { queue: 'helpdesk', loggedIn: true, paused: true, pauseReason: 'Lunch', since: EARLIER },
        { queue: 'sales', loggedIn: false, paused: false, pauseReason: null, since: null },
      ],
    });
  });
});
