import fc from 'fast-check';
import type { AgentCommand, LoginMode } from '@switchboard/contracts';
import { AgentDomainError } from './agent-domain-error';
import { initialState, isLoggedIn, type AgentState } from './agent-state';
import { decide } from './decide';
import { evolve } from './evolve';
import { changeLogin, pause, unpause } from '../testing/agent-fixtures';

const QUEUES = ['helpdesk', 'sales'];
const someQueues = fc.subarray(QUEUES, { minLength: 1 });
const loginCommand = fc
  .tuple(fc.constantFrom<LoginMode>('toggle', 'login', 'logout'), someQueues)
  .map(([mode, queues]) => changeLogin(mode, queues));
const anyCommand: fc.Arbitrary<AgentCommand> = fc.oneof(
  loginCommand,
  fc
    .tuple(fc.constantFrom('Lunch', 'Break'), fc.option(someQueues, { nil: undefined }))
    .map(([reason, queues]) => pause(reason, queues)),
  fc.option(someQueues, { nil: undefined }).map((queues) => unpause(queues)),
);

/** Runs commands the way the service does: decide, append, fold; refused commands change nothing. */
function run(commands: readonly AgentCommand[]): AgentState {
  return commands.reduce((state, command) => {
    try {
      return decide(command, state).events.reduce(evolve, state);
    } catch (error) {
      if (error instanceof AgentDomainError) return state;
      throw error;
    }
  }, initialState());
}

const EFFECTS = new Set(['logged-in', 'logged-out', 'paused', 'unpaused']);

describe('Agent decider properties (any reachable state)', () => {
  it('after a login command every named queue is in the announced status', () => {
    fc.assert(
      fc.property(fc.array(anyCommand, { maxLength: 12 }), loginCommand, (history, command) => {
        const state = run(history);
        const decision = decide(command, state);
        const after = decision.events.reduce(evolve, state);
        for (const q of (command as Extract<AgentCommand, { type: 'ChangeQueueLogin' }>).queues) {
          expect(isLoggedIn(after, q)).toBe(decision.status === 'logged-in');
        }
      }),
    );
  });

  it('decides one event per queue that changes, and reports every queue it was asked about', () => {
    fc.assert(
      fc.property(fc.array(anyCommand, { maxLength: 12 }), anyCommand, (history, command) => {
        const state = run(history);
        let decision;
        try {
          decision = decide(command, state);
        } catch (error) {
          expect(error).toBeInstanceOf(AgentDomainError);
          return;
        }
        expect(decision.events).toHaveLength(
          decision.outcomes.filter((o) => EFFECTS.has(o.result)).length,
        );
        if ('queues' in command && command.queues)
          expect(decision.outcomes.map((o) => o.queue)).toEqual(command.queues);
      }),
    );
  });

  it('a direct login, logout, pause or unpause repeated changes nothing the second time', () => {
    const direct = fc.oneof(
      fc
        .tuple(fc.constantFrom<LoginMode>('login', 'logout'), someQueues)
        .map(([mode, queues]) => changeLogin(mode, queues)),
      anyCommand.filter((c) => c.type === 'Pause' || c.type === 'Unpause'),
    );
    fc.assert(
      fc.property(fc.array(anyCommand, { maxLength: 12 }), direct, (history, command) => {
        const state = run([...history, command]);
        let again;
        try {
          again = decide(command, state);
        } catch (error) {
          expect(error).toBeInstanceOf(AgentDomainError);
          return;
        }
        expect(again.events).toEqual([]);
      }),
    );
  });

  it('toggling one queue twice leaves it as it was', () => {
    fc.assert(
      fc.property(
        fc.array(anyCommand, { maxLength: 12 }),
        fc.constantFrom(...QUEUES),
        (history, queue) => {
          const before = run(history);
          const after = run([
            ...history,
            changeLogin('toggle', [queue]),
            changeLogin('toggle', [queue]),
          ]);
          expect(isLoggedIn(after, queue)).toBe(isLoggedIn(before, queue));
        },
      ),
    );
  });
});
