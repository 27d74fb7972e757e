// Time formats as they appear on the wire (the lab PBX ran in UTC).

export function epochSeconds(at: number = Date.now()): number {
  return Math.floor(at / 1000);
}

/** `1795334981.938297` (Ping's Timestamp: seconds with microseconds). */
export function pingTimestamp(at: number = Date.now()): string {
  return `${epochSeconds(at)}.${String((at % 1000) * 1000).padStart(6, '0')}`;
}

/** `2026-11-22 08:11:09` (Cdr StartTime/AnswerTime/EndTime). */
export function cdrTime(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-11-22T08:09:41.936+0000` (security events' EventTV/SessionTV). */
export function eventTv(at: number = Date.now()): string {
  return `${new Date(at).toISOString().slice(0, 23)}+0000`;
}

/** Whole seconds between two instants, rounded down like Asterisk's time_t arithmetic. */
export function secondsBetween(from: number, to: number): number {
  return Math.max(0, Math.floor(to / 1000) - Math.floor(from / 1000));
}
