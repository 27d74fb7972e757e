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

/** Of two observations, the smaller by content: the tie-break that depends on nothing else. */
function smaller<T>(a: T, b: T): T {
  return byContent(a, b) <= 0 ? a : b;
}

/**
 * A set of observations keyed by `keyOf`, sorted by key: one entry per key, and when two
 * observations share a key the one `keep` picks stays (by default the smaller by content, for a
 * redelivery resolved with another context; `latest` for an agent's disposition replaced by a
 * later one). `keep` must itself commute, so neither the order nor the number of deliveries
 * matters.
 */
export function mergeKeyed<T>(items: readonly T[], item: T, keyOf: (item: T) => string, keep: (a: T, b: T) => T = smaller): readonly T[] {
  const key = keyOf(item);
  const same = items.find((i) => keyOf(i) === key);
  if (same !== undefined) {
    if (keep(same, item) === same) return items;
    return items.map((i) => (i === same ? item : i));
  }
  return [...items, item].sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
