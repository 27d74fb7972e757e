import type { RecordedEvent } from '@switchboard/event-store';

/**
 * Why a directory change that takes something away from an agent (removes it, or takes a queue
 * off it) or removes a phone is safe against a login landing at the same moment.
 *
 * The check ("not logged in", "nobody holds the phone") and the directory's append are on
 * different streams, so the check alone leaves a window. Before the directory's append, the
 * change appends DirectoryChangePending on the agent's (or phone's) own stream, with the revision
 * its check read: a login appended since makes that append fail, and the change checks again
 * (and refuses with agent_in_use / phone_in_use). A login decided after it reads the pending
 * change (the command shell always reads the stream before deciding) and is refused while the
 * directory in force is older than the version the change records: after that version, the
 * directory itself answers (the agent is gone, or the queue is no longer its).
 *
 * If the directory's append fails, DirectoryChangeAbandoned lifts the guard. If even that is
 * never written (a crash in between), the guard lifts itself once any later version of the
 * directory is in force. These are session-service's own events, like the directory's: no other
 * consumer reads agent or phone streams for them, and the deciders never see them.
 */
export type EntryGuardEvent =
  | {
      readonly type: 'DirectoryChangePending';
      readonly data: {
        /** The directory version the change records (the one read + 1). */
        readonly directoryVersion: number;
        /** The entry goes (agent or phone); otherwise the agent stays, with only `queues`. */
        readonly removed: boolean;
        readonly queues?: readonly string[];
        readonly at: string;
      };
    }
  | { readonly type: 'DirectoryChangeAbandoned'; readonly data: { readonly directoryVersion: number; readonly at: string } };

export const ENTRY_GUARD_EVENT_TYPES: ReadonlySet<string> = new Set<EntryGuardEvent['type']>(['DirectoryChangePending', 'DirectoryChangeAbandoned']);

/** A directory change under way for this entry, as its stream last recorded it. */
export interface EntryGuard {
  readonly directoryVersion: number;
  readonly removed: boolean;
  readonly queues: readonly string[];
}

export function isEntryGuardEvent(recorded: { readonly type: string }): boolean {
  return ENTRY_GUARD_EVENT_TYPES.has(recorded.type);
}

/** The guard after one of its events (the latest pending change counts; its abandonment lifts it). */
export function evolveEntryGuard(guard: EntryGuard | undefined, recorded: RecordedEvent | EntryGuardEvent): EntryGuard | undefined {
  const event = { type: recorded.type, data: recorded.data } as EntryGuardEvent;
  switch (event.type) {
    case 'DirectoryChangePending':
      return { directoryVersion: event.data.directoryVersion, removed: event.data.removed, queues: event.data.queues ?? [] };
    case 'DirectoryChangeAbandoned':
      return guard?.directoryVersion === event.data.directoryVersion ? undefined : guard;
  }
}

/** The directory as a replica holds it now (LiveDirectory). */
export interface DirectoryInForce {
  readonly version: number;
}

/**
 * Whether the guard still speaks: the directory in force here is older than the version the
 * change records (it is under way, or this replica has not caught up with it yet).
 */
export function guardInForce(guard: EntryGuard | undefined, live: DirectoryInForce): guard is EntryGuard {
  return guard !== undefined && live.version < guard.directoryVersion;
}
