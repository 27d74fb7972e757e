/**
 * Whether the daily shift end (HH:MM, UTC) fell in (since, now]: the end-of-shift policy ticks and
 * logs everyone out on the tick that crosses it, once a day, whatever the tick length.
 */
export function shiftEndCrossed(shiftEndUtc: string, since: Date, now: Date): boolean {
  const [hours, minutes] = shiftEndUtc.split(':').map(Number) as [number, number];
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
  // The end of today, or of yesterday when today's is still ahead.
  const latest = end.getTime() <= now.getTime() ? end.getTime() : end.getTime() - 24 * 3600_000;
  return latest > since.getTime();
}
