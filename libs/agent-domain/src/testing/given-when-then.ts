import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { AgentDomainError } from '../agent/agent-domain-error';
import type { AgentState } from '../agent/agent-state';
import { decide } from '../agent/decide';
import type { Decision } from '../agent/decision';
import { evolve } from '../agent/evolve';
import { initialState } from '../agent/agent-state';

/**
 * Decider tests read given(past events).when(command).then(expected events). The state is only
 * ever built from events, as the service builds it from the stream, so a test cannot set up a
 * state the decider could never reach.
 */
export function given(...history: AgentStreamEvent[]) {
  const state: AgentState = history.reduce(evolve, initialState());
  return {
    when(command: AgentCommand) {
      const run = (): Decision => decide(command, state);
      return {
        /** The exact events decided, in order. */
        then(expected: readonly AgentStreamEvent[]): Decision {
          const decision = run();
          // Strict: an `undefined` field would be stored differently from an absent one.
          expect(decision.events).toStrictEqual(expected);
          return decision;
        },
        /** What the decision reports: per-queue outcomes and/or the status to announce. */
        thenOutcome(expected: {
          readonly outcomes?: Decision['outcomes'];
          readonly status?: Decision['status'];
        }): Decision {
          const decision = run();
          const actual: Record<string, unknown> = {};
          if ('outcomes' in expected) actual['outcomes'] = decision.outcomes;
          if ('status' in expected) actual['status'] = decision.status;
          expect(actual).toEqual(expected);
          return decision;
        },
        /** Refused with this stable code, and nothing else thrown. */
        thenThrows(code: AgentDomainError['code']): void {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(AgentDomainError);
          expect((thrown as AgentDomainError).code).toBe(code);
        },
      };
    },
  };
}
