import { decide, evolve, initialState, type AgentState } from '@switchboard/agent-domain';
import type { AgentCommand, LoginMode } from '@switchboard/contracts';
import type { CommandResult } from '../commands/agent-command.service';
import { pauseAnnouncement, queueLoginAnnouncement } from './outcome-announcement';

const BINDING = { interface: 'Local/1002@agent-phones/n', stateInterface: 'SIP/1002', memberName: 'Agent 1002' };

function dial(mode: LoginMode, queues: string[], inCall = false): AgentCommand {
  return {
    type: 'ChangeQueueLogin',
    commandId: `fc-${mode}-${queues.join('+')}-${String(inCall)}`,
    agentId: '1002',
    at: '2026-11-23T09:00:00.000Z',
    via: 'feature-code',
    pbxId: 'pbx1',
    mode,
    queues,
    binding: BINDING,
    inCall,
  };
}

/** Decides with the real decider and folds what it recorded, as the command service does. */
function run(state: AgentState, command: AgentCommand): CommandResult {
  const decision = decide(command, state);
  return { decision, events: decision.events, duplicate: false, state: decision.events.reduce(evolve, state) };
}

function after(...commands: AgentCommand[]): AgentState {
  return commands.reduce((state, command) => run(state, command).state, initialState());
}

describe('what a login number announces: the decider’s outcome, not only where the agent stands', () => {
  it('announces a login and a logout that changed something as the new status', () => {
    expect(queueLoginAnnouncement(run(initialState(), dial('toggle', ['helpdesk'])), ['helpdesk'])).toBe('logged-in');
    const loggedIn = after(dial('login', ['helpdesk']));
    expect(queueLoginAnnouncement(run(loggedIn, dial('toggle', ['helpdesk'])), ['helpdesk'])).toBe('logged-out');
  });

  it('says "already" when a direct login or logout finds nothing to do', () => {
    const loggedIn = after(dial('login', ['helpdesk']));
    expect(queueLoginAnnouncement(run(loggedIn, dial('login', ['helpdesk'])), ['helpdesk'])).toBe('already-logged-in');
    expect(queueLoginAnnouncement(run(initialState(), dial('logout', ['helpdesk'])), ['helpdesk'])).toBe('already-logged-out');
  });

  it('announces a change when only some of the global number’s queues change', () => {
    const inHelpdesk = after(dial('login', ['helpdesk']));
    expect(queueLoginAnnouncement(run(inHelpdesk, dial('login', ['helpdesk', 'sales'])), ['helpdesk', 'sales'])).toBe('logged-in');
    expect(queueLoginAnnouncement(run(inHelpdesk, dial('logout', ['helpdesk', 'sales'])), ['helpdesk', 'sales'])).toBe('logged-out');
  });

  it('announces a logout asked for during a queue call as deferred, though the agent is still logged in', () => {
    const loggedIn = after(dial('login', ['helpdesk', 'sales']));
    for (const mode of ['toggle', 'logout'] as const) {
      const result = run(loggedIn, dial(mode, ['helpdesk', 'sales'], true));
      expect(result.decision.outcomes.map((o) => o.result)).toEqual(['deferred', 'deferred']);
      expect(queueLoginAnnouncement(result, ['helpdesk', 'sales'])).toBe('logout-deferred');
    }
    // Logged in nowhere: nothing waits for the call.
    expect(queueLoginAnnouncement(run(initialState(), dial('logout', ['helpdesk'], true)), ['helpdesk'])).toBe('already-logged-out');
  });

  it('repeats the first answer for a redelivered dial, not one decided again on the state it left', () => {
    const redelivered = (state: AgentState, command: AgentCommand): CommandResult => {
      const first = run(state, command);
      // As the command service answers a duplicate: the decision made again, the events recorded the first time.
      return { decision: decide(command, first.state), events: first.events, duplicate: true, state: first.state };
    };
    expect(queueLoginAnnouncement(redelivered(initialState(), dial('login', ['helpdesk'])), ['helpdesk'])).toBe('logged-in');
    expect(queueLoginAnnouncement(redelivered(initialState(), dial('toggle', ['helpdesk'])), ['helpdesk'])).toBe('logged-in');
    const loggedIn = after(dial('login', ['helpdesk']));
    expect(queueLoginAnnouncement(redelivered(loggedIn, dial('toggle', ['helpdesk'], true)), ['helpdesk'])).toBe('logout-deferred');
  });
});

describe('what the IVR’s pause announces', () => {
  const pause = (inCall: boolean): AgentCommand => ({ type: 'Pause', commandId: `p-${String(inCall)}`, agentId: '1002', at: '2026-11-23T09:00:00.000Z', via: 'ivr', reason: 'IVR', inCall });

  it('is deferred during a queue call, and paused otherwise, again included', () => {
    const loggedIn = after(dial('login', ['helpdesk']));
    expect(pauseAnnouncement(run(loggedIn, pause(true)).decision.outcomes)).toBe('pause-deferred');
    const paused = run(loggedIn, pause(false));
    expect(pauseAnnouncement(paused.decision.outcomes)).toBe('paused');
    expect(pauseAnnouncement(run(paused.state, pause(false)).decision.outcomes)).toBe('paused');
  });
});
