import fc from 'fast-check';
import type { CallFact } from '../call-fact';
import { foldCall } from '../reduce-call';
import { toCallRow } from '../to-row';

/**
 * The property the projection relies on: any permutation of the facts, with any of them delivered
 * again anywhere, gives the same state, hence the same row, as the facts in AMI order.
 */
export function expectOrderInsensitive(
  facts: readonly CallFact[],
  key: { callId: string; queue: string },
  numRuns = 300,
): void {
  const ordered = foldCall(facts, key);
  const expectedRow = toCallRow(ordered);
  fc.assert(
    fc.property(
      fc.shuffledSubarray([...facts], { minLength: facts.length, maxLength: facts.length }),
      fc.array(fc.tuple(fc.nat(facts.length - 1), fc.nat()), { maxLength: facts.length }),
      (shuffled, repeats) => {
        const delivered = [...shuffled];
        for (const [which, where] of repeats)
          delivered.splice(where % (delivered.length + 1), 0, facts[which]);
        const state = foldCall(delivered, key);
        expect(state).toEqual(ordered);
        expect(toCallRow(state)).toEqual(expectedRow);
      },
    ),
    { numRuns },
  );
}
