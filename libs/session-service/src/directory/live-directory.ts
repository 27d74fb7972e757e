import type { Directory } from '@switchboard/agent-domain';

/** One version of the directory as the event store holds it. */
export interface DirectoryVersion {
  readonly directory: Directory;
  /** 1 for the seed, +1 for every change: the directory stream's revision + 1. */
  readonly version: number;
  /** Where the version's event sits in the global log; followers resume after it. */
  readonly position: bigint;
}

export type DirectoryListener = (version: DirectoryVersion) => void;

/**
 * The directory in force in this replica, swapped whenever a newer version is recorded (by this
 * replica's admin API, or by another one, seen by DirectoryFollower). It is itself a Directory,
 * each field read from the current version, so the classes that inject DIRECTORY keep reading
 * `this.directory.agents` and see every change without a restart. A caller that needs one
 * consistent version across several reads takes `current` once.
 */
export class LiveDirectory implements Directory {
  private state: DirectoryVersion;
  private readonly listeners = new Set<DirectoryListener>();

  constructor(initial: DirectoryVersion) {
    this.state = initial;
  }

  get current(): Directory {
    return this.state.directory;
  }

  get version(): number {
    return this.state.version;
  }

  get position(): bigint {
    return this.state.position;
  }

  /** Takes a newer version; an older or the same one (a replica catching up late) is ignored. */
  advance(next: DirectoryVersion): boolean {
    if (next.version <= this.state.version) return false;
    this.state = next;
    for (const listener of this.listeners) listener(next);
    return true;
  }

  /** Called after every swap; returns the unsubscribe. */
  onChange(listener: DirectoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Directory, field by field (DirectoryFields below fails to compile when one is missing).
  get pbxId() {
    return this.current.pbxId;
  }
  get globalLoginNumber() {
    return this.current.globalLoginNumber;
  }
  get agents() {
    return this.current.agents;
  }
  get queues() {
    return this.current.queues;
  }
  get lines() {
    return this.current.lines;
  }
  get users() {
    return this.current.users;
  }
  get phones() {
    return this.current.phones;
  }
  get pinPolicy() {
    return this.current.pinPolicy;
  }
  get hotDeskPolicy() {
    return this.current.hotDeskPolicy;
  }
  get pauseReasons() {
    return this.current.pauseReasons;
  }
  get demoCredentials() {
    return this.current.demoCredentials;
  }
}

/** `implements` does not insist on optional fields; this does, so a field added to Directory
 *  cannot be silently missing from the live view (it would read undefined forever). */
type MissingFields = Exclude<keyof Directory, keyof LiveDirectory>;
export const everyDirectoryFieldIsLive: MissingFields extends never ? true : MissingFields = true;
