/**
 * Merges of observations that commute and absorb repeats, so the reducer's result never depends on
 * the order or number of deliveries. Ties on time are broken by content, never by arrival.
 */

function byContent<T>(a: T, b: T): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The earlier of two observations (the first AgentConnect of a row, say). */
export function earliest<T extends { readonly at: string }>(a: T | null, b: T): T {
  if (!a) return b;
  if (a.at !== b.at) return a.at < b.at ? a : b;
  return byContent(a, b) <= 0 ? a : b;
}

/** The later of two observations (a disposition replaced by a later one). */
export function latest<T extends { readonly at: string }>(a: T | null, b: T): T {
  if (!a) return b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return byContent(a, b) >= 0 ? a : b;
}

export function minTime(a: string | null, b: string): string {
  return a === null || b < a ? b : a;
}

/** The smallest non-empty text; '' stands for "none yet". */
export function minText(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return b < a ? b : a;
}

/** A set of items kept sorted, so its JSON is the same whatever the insertion order. */
export function insertSorted<T>(
  items: readonly T[],
  item: T,
  compare: (a: T, b: T) => number,
): readonly T[] {
  if (items.some((i) => compare(i, item) === 0)) return items;
  return [...items, item].sort(compare);
}
