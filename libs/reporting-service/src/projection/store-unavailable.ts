/**
 * Whether a failed transaction failed because the report database could not be reached or was
 * refusing work (a connection refused or lost, PostgreSQL shutting down or out of connections,
 * SQLite locked by another process), as opposed to something about the events in it. Such a
 * failure says nothing about any one event: the consumer retries the whole batch later instead of
 * splitting it in halves down to single events, which would only multiply failing transactions.
 */
export function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // SQLSTATE class 08: connection exception (08000, 08003, 08006 …).
  if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  return UNAVAILABLE_CODES.has(code);
}

const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  // Node's socket errors, as pg reports them.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, too many connections.
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // SQLite: another connection holds the lock past busy_timeout.
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);
