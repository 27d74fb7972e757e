import type { AgentCommand, AgentEvent } from '@switchboard/contracts';
import { decide, type Decision } from '../agent/agent-decider';
import { evolve, initialState } from '../agent/agent-state';

/**
 * Decider tests read as given(past events).when(command).then(expected events): the state is
 * only ever built from events, as the service builds it from the stream.
 */
export function given(...history: AgentEvent[]) {
  const state = history.reduce(evolve, initialState());
  return {
    when(command: AgentCommand) {
      const run = (): Decision => decide(command, state);
      return {
        then(expected: AgentEvent[]): Decision {
          const decision = run();
          expect(decision.events).toEqual(expected);
          return decision;
        },
        thenOutcomes(expected: Decision['outcomes']): Decision {
          const decision = run();
          expect(decision.outcomes).toEqual(expected);
          return decision;
        },
        thenThrows(code: string): void {
          expect(run).toThrow(expect.objectContaining({ code }));
        },
      };
    },
  };
}
