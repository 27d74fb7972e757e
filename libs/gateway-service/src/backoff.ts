/** Capped exponential backoff with full jitter: reconnect storms from many gateways spread out. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
  return Math.round(minMs + random() * (ceiling - minMs));
}
