import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { DirectoryError, parseDirectory, type Directory } from '@switchboard/agent-domain';
import { streamNames } from '@switchboard/contracts';
import { handleCommand, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { EVENT_STORE } from '@switchboard/platform';
import { applyDirectoryEvent } from './apply-directory-event';
import { DIRECTORY_EVENT_TYPES, type DirectoryEvent, type DirectoryEventMetadata } from './directory-events';
import { DIRECTORY_PART_BYTES, assembled, collectPart, inParts, type CollectedParts, type DirectoryPartRecorded } from './directory-parts';
import type { DirectoryVersion } from './live-directory';

/** A change asked against a version that is no longer the latest (If-Match): 409 conflict. */
export class DirectoryVersionConflict extends Error {
  readonly code = 'conflict';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the directory is at version ${actual}, not ${expected}: read it again and re-apply the change`);
    this.name = 'DirectoryVersionConflict';
  }
}

/** The change to make, given the latest version; undefined when there is nothing to do. It may
 *  throw to refuse (the error reaches the caller unchanged). */
export type DirectoryChange = (current: Directory) => DirectoryEvent | undefined;

interface Folded {
  readonly directory?: Directory;
  readonly version: number;
  readonly position: bigint;
  /** The digest of the file that seeded the stream. */
  readonly fileSha256?: string;
  /** Parts of a large replacement recorded so far, waiting for their closing event. */
  readonly parts?: CollectedParts;
}

/** What the stream holds: the changes, and the parts of large replacements (directory-parts.ts). */
type DirectoryStreamEvent = DirectoryEvent | DirectoryPartRecorded;

const EMPTY: Folded = { version: 0, position: 0n };
/** Concurrent admins (or replicas) changing the directory at once: each retry re-reads and re-applies. */
const MAX_RETRIES = 5;

/**
 * The directory's stream, `directory-<pbxId>`: read and fold it, seed it from the YAML file, and
 * append a change validated against the latest version with the revision that was read (the
 * one command-handling shell: a concurrent change makes the append fail, and the change is
 * re-applied to the newer version, so neither admin's change is lost).
 */
@Injectable()
export class DirectoryLog {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The latest version, or undefined while the stream is empty. */
  async read(pbxId: string): Promise<(DirectoryVersion & { readonly fileSha256?: string }) | undefined> {
    const { events } = await this.store.readStream(streamNames.directory(pbxId));
    const folded = events.reduce(fold, EMPTY);
    if (!folded.directory) return undefined;
    return { directory: parseDirectory(folded.directory), version: folded.version, position: folded.position, fileSha256: folded.fileSha256 };
  }

  /** Records the file's directory as the first version, unless another replica seeded the stream first. */
  async seed(directory: Directory, fileSha256: string, at: string): Promise<DirectoryVersion> {
    const metadata: DirectoryEventMetadata = { schemaVersion: 1, changedBy: 'file', at, fileSha256 };
    const result = await this.record(directory.pbxId, metadata, (state) =>
      // Another replica's seed (complete) stands; parts of one under way do not count yet.
      state.directory ? [] : inParts({ type: 'DirectoryReplaced', data: { directory, source: 'file' } }, randomUUID()),
    );
    return versionOf(directory.pbxId, result.state);
  }

  /**
   * Applies a change to the latest version: validates the whole resulting directory
   * (DirectoryError), refuses another pbxId, and appends with the read revision. With
   * `expectedVersion` (If-Match) a newer version is a DirectoryVersionConflict instead of a retry.
   * A change that alters nothing records no version (`recorded` false).
   */
  async change(pbxId: string, change: DirectoryChange, changedBy: string, expectedVersion?: number): Promise<DirectoryVersion & { readonly recorded: boolean }> {
    const metadata: DirectoryEventMetadata = { schemaVersion: 1, changedBy, at: new Date().toISOString() };
    const result = await this.record(pbxId, metadata, (state) => {
      if (!state.directory) throw new Error(`directory stream of ${pbxId} is empty: it is seeded at start-up`);
      if (expectedVersion !== undefined && expectedVersion !== state.version) throw new DirectoryVersionConflict(expectedVersion, state.version);
      const event = change(state.directory);
      return event ? decided(state.directory, event) : [];
    });
    return { ...versionOf(pbxId, result.state), recorded: result.events.length > 0 };
  }

  /** The one command-handling shell over the stream; a large replacement goes in parts, one
   *  append each (EventStoreDB's MaxAppendSize). */
  private record(pbxId: string, metadata: DirectoryEventMetadata, decide: (state: Folded) => readonly DirectoryStreamEvent[]) {
    return handleCommand<Folded, DirectoryStreamEvent>({
      store: this.store,
      stream: streamNames.directory(pbxId),
      initialState: () => EMPTY,
      evolve: fold,
      maxRetries: MAX_RETRIES,
      decide,
      toNewEvent: (event) => ({ type: event.type, data: event.data, metadata: { ...metadata } }),
      maxAppendBytes: DIRECTORY_PART_BYTES,
    });
  }
}

function versionOf(pbxId: string, state: Folded): DirectoryVersion {
  if (!state.directory) throw new Error(`directory stream of ${pbxId} is empty`);
  return { directory: state.directory, version: state.version, position: state.position };
}

/** The directory a change would make of `current`, validated (DirectoryError), or `current` when
 *  the change asks nothing. What the admin API checks the sessions against before recording it. */
export function previewChange(current: Directory, change: DirectoryChange): Directory {
  const event = change(current);
  return event ? parseDirectory(applyDirectoryEvent(current, event)) : current;
}

/**
 * The event as it is appended: validated against the whole directory it makes, with its entry as
 * parseDirectory normalised it (YAML numbers become text), or nothing when it changes nothing.
 */
function decided(current: Directory, event: DirectoryEvent): DirectoryStreamEvent[] {
  const next = parseDirectory(applyDirectoryEvent(current, event));
  if (next.pbxId !== current.pbxId)
    throw new DirectoryError('pbxId', `is ${current.pbxId} for this service (its stream is ${streamNames.directory(current.pbxId)}); it cannot change`);
  if (isDeepStrictEqual(next, parseDirectory(current))) return [];
  const recorded = normalised(event, next);
  return recorded.type === 'DirectoryReplaced' ? inParts(recorded, randomUUID()) : [recorded];
}

/** Keys are looked up as text: a YAML number (id: 1001) is text once parsed. */
function normalised(event: DirectoryEvent, next: Directory): DirectoryEvent {
  switch (event.type) {
    case 'DirectoryReplaced':
      return { type: event.type, data: { ...event.data, directory: next } };
    case 'DirectoryAgentSaved':
      return { type: event.type, data: { agent: mustFind(next.agents.find((a) => a.id === String(event.data.agent.id))) } };
    case 'DirectoryPhoneSaved':
      return { type: event.type, data: { phone: mustFind(next.phones?.find((p) => p.id === String(event.data.phone.id))) } };
    case 'DirectoryQueueSaved':
      return { type: event.type, data: { queue: mustFind(next.queues.find((q) => q.name === String(event.data.queue.name))) } };
    case 'DirectoryPauseReasonSaved':
      return { type: event.type, data: { reason: mustFind(next.pauseReasons?.find((r) => r.code === String(event.data.reason.code))) } };
    default:
      return event;
  }
}

function mustFind<T>(entry: T | undefined): T {
  if (entry === undefined) throw new Error('a saved entry is missing from the directory it was saved into');
  return entry;
}

function fold(state: Folded, recorded: RecordedEvent): Folded {
  if (recorded.type === 'DirectoryPartRecorded')
    // Nothing in force changes: the parts wait for their closing event.
    return { ...state, parts: collectPart(state.parts, (recorded as unknown as DirectoryPartRecorded).data) };
  if (!DIRECTORY_EVENT_TYPES.has(recorded.type)) throw new Error(`unknown event ${recorded.type} on ${recorded.streamName}`);
  let event = { type: recorded.type, data: recorded.data } as DirectoryEvent;
  if (event.type === 'DirectoryReplaced' && event.data.parts) event = { ...event, data: { directory: assembled(event, state.parts), source: event.data.source } };
  const fileSha256 = recorded.metadata['fileSha256'];
  return {
    directory: applyDirectoryEvent(state.directory, event),
    version: Number(recorded.revision) + 1,
    position: recorded.position,
    fileSha256: typeof fileSha256 === 'string' ? fileSha256 : state.fileSha256,
  };
}

/** Folds events of the stream onto a version this replica holds (DirectoryFollower). */
export function nextVersion(current: DirectoryVersion, recorded: RecordedEvent): DirectoryVersion {
  const folded = fold({ directory: current.directory, version: current.version, position: current.position }, recorded);
  if (!folded.directory) throw new Error('directory stream folded to nothing');
  return { directory: parseDirectory(folded.directory), version: folded.version, position: folded.position };
}
