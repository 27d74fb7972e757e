import type { ReadStreamOptions } from './event-store.port';

/** The read's start revision, checked the same way by every adapter: 0n when not given. A negative
 *  or non-bigint start is a caller's bug, refused rather than read as "from the start". */
export function fromRevisionOf(stream: string, options: ReadStreamOptions | undefined): bigint {
  const from = options?.fromRevision ?? 0n;
  if (typeof from !== 'bigint' || from < 0n)
    throw new RangeError(
      `readStream ${stream}: fromRevision must be a revision (≥ 0n), got ${String(from)}`,
    );
  return from;
}
