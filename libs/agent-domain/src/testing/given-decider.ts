/**
 * given(history).when(command).then(events) for any decider of this library whose decision holds
 * `events` (Phone, Seat, PIN). As with the Agent's, the state is only ever folded from events.
 */
export function deciderTest<S, E, C, D extends { readonly events: readonly E[] }>(
  initial: () => S,
  evolve: (state: S, event: E) => S,
  decide: (command: C, state: S) => D,
) {
  return (...history: E[]) => {
    const state = history.reduce(evolve, initial());
    return {
      state,
      when(command: C) {
        const run = () => decide(command, state);
        return {
          then(expected: readonly E[]): D {
            const decision = run();
            expect(decision.events).toStrictEqual(expected);
            return decision;
          },
          /** Refused with this stable code. */
          thenThrows(code: string): void {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(Error);
            expect((thrown as { code?: unknown }).code).toBe(code);
          },
        };
      },
    };
  };
}
