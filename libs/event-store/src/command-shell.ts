import {
  WrongExpectedRevisionError,
  appendSizeOf,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from './event-store.port';
import type { StreamStateCache } from './stream-state-cache';

export interface CommandShellOptions<S, E> {
  readonly store: EventStore;
  readonly stream: string;
  readonly initialState: () => S;
  /** May change `state` in place and return it, when a cache is given as well as without one:
   *  the shell folds onto a state only events the store has committed, one command at a time. */
  readonly evolve: (state: S, event: RecordedEvent) => S;
  /** Pure: the events the command produces in this state (may be none). Must not change it. */
  readonly decide: (state: S) => readonly E[];
  readonly toNewEvent: (event: E) => NewEvent;
  /** Conflicts tolerated before giving up; each retry re-reads and re-decides. */
  readonly maxRetries?: number;
  /** Folded states kept between commands: a command then reads only the events after the cached
   *  revision (see StreamStateCache). Without one, every command reads and folds the whole stream. */
  readonly cache?: StreamStateCache<S>;
  /** The most one append may carry (appendSizeOf; EventStoreDB refuses more than its
   *  MaxAppendSize). Decided events that carry more together go in several appends, in order, each
   *  at the revision the one before left. A conflict can then stop them half-way, with a prefix
   *  recorded: the evolve must read such a prefix as nothing done yet (for instance parts that
   *  count only once their closing event is recorded). One event above the bound is the store's to
   *  refuse. Default: one append. */
  readonly maxAppendBytes?: number;
}

export interface CommandShellResult<S, E> {
  readonly events: readonly E[];
  /** With a cache, the cached state itself: read it, do not keep it past the next command on the
   *  stream (an in-place evolve changes it then). */
  readonly state: S;
  readonly nextExpectedRevision: bigint | 'no_stream';
}

/** A concurrency conflict that persisted through every retry. */
export class ConcurrencyRetriesExhaustedError extends Error {
  readonly code = 'concurrency_conflict';
  constructor(
    readonly stream: string,
    readonly attempts: number,
  ) {
    super(`Stream ${stream} kept changing; gave up after ${attempts} attempts`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }
}

/**
 * The one command-handling shell: read the stream, fold the state, decide, append with the
 * revision that was read. Only a concurrency conflict is retried (from a fresh read), a bounded
 * number of times; every other error goes to the caller.
 *
 * With a cache the read starts after the cached revision, always: another replica may have
 * appended since, and what it appended is folded in before deciding. A conflict leaves the cached
 * state as it was (the refused events were never folded); the retry reads on from it.
 */
export function handleCommand<S, E>(
  options: CommandShellOptions<S, E>,
): Promise<CommandShellResult<S, E>> {
  const cache = options.cache;
  return cache
    ? cache.exclusive(options.stream, () => runCommand(options, cache))
    : runCommand(options, undefined);
}

interface Current<S> {
  readonly state: S;
  readonly revision: ExpectedRevision;
}

async function runCommand<S, E>(
  options: CommandShellOptions<S, E>,
  cache: StreamStateCache<S> | undefined,
): Promise<CommandShellResult<S, E>> {
  const maxRetries = options.maxRetries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const { state, revision } = await currentState(options, cache);
    const events = options.decide(state);
    if (events.length === 0) return { events, state, nextExpectedRevision: revision };
    const toAppend = events.map(options.toNewEvent);
    let result: AppendResult | undefined;
    try {
      let expected = revision;
      for (const group of inAppends(toAppend, options.maxAppendBytes)) {
        result = await options.store.append(options.stream, group, expected);
        expected = result.nextExpectedRevision;
      }
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxRetries)
        throw new ConcurrencyRetriesExhaustedError(options.stream, attempt + 1);
      continue;
    }
    if (!result) throw new Error(`append to ${options.stream}: nothing was appended`);
    // Committed: fold the new events the way a later read would see them.
    const next = fold(
      options,
      cache,
      state,
      asRecorded(options.stream, toAppend, revision, result),
    );
    cache?.set(options.stream, next, result.nextExpectedRevision);
    return { events, state: next, nextExpectedRevision: result.nextExpectedRevision };
  }
}

/** The stream's state now: the cached state with what was appended since folded in, or the whole
 *  stream folded when the cache has nothing (or nothing it can build on). */
async function currentState<S, E>(
  options: CommandShellOptions<S, E>,
  cache: StreamStateCache<S> | undefined,
): Promise<Current<S>> {
  const cached = cache?.get(options.stream);
  if (cache && cached) {
    const read = await options.store.readStream(options.stream, {
      fromRevision: cached.revision + 1n,
    });
    // Only what is newer than the cache counts, whatever the adapter handed over.
    const newer = read.events.filter((e) => e.revision > cached.revision);
    if (read.revision !== 'no_stream' && continues(cached.revision, newer, read.revision)) {
      if (newer.length === 0) return cached;
      const state = fold(options, cache, cached.state, newer);
      cache.set(options.stream, state, read.revision);
      return { state, revision: read.revision };
    }
    // The stream does not continue what the cache holds (deleted and written again, or events
    // missing from the read): the cached state means nothing any more.
    cache.delete(options.stream);
  }
  const read = await options.store.readStream(options.stream);
  const state = fold(options, cache, options.initialState(), read.events);
  if (cache && read.revision !== 'no_stream') cache.set(options.stream, state, read.revision);
  return { state, revision: read.revision };
}

/** The events in appends of at most `maxBytes` each, in order (one event above it alone). */
function inAppends(events: readonly NewEvent[], maxBytes: number | undefined): NewEvent[][] {
  if (maxBytes === undefined) return [[...events]];
  const appends: NewEvent[][] = [];
  let current: NewEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = appendSizeOf([event]);
    if (current.length > 0 && bytes + size > maxBytes) {
      appends.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) appends.push(current);
  return appends;
}

/** Whether `newer` is exactly the events after `revision`, up to the stream's last one. */
function continues(revision: bigint, newer: readonly RecordedEvent[], last: bigint): boolean {
  return (
    last >= revision &&
    BigInt(newer.length) === last - revision &&
    newer.every((e, i) => e.revision === revision + 1n + BigInt(i))
  );
}

/** An evolve that throws half-way may have changed the state in place: it is not kept. */
function fold<S, E>(
  options: CommandShellOptions<S, E>,
  cache: StreamStateCache<S> | undefined,
  state: S,
  events: readonly RecordedEvent[],
): S {
  try {
    return events.reduce(options.evolve, state);
  } catch (error) {
    cache?.delete(options.stream);
    throw error;
  }
}

/** The appended events as a read would return them: data and metadata through JSON, as every
 *  store keeps them (so a cached state never shares an object with the caller's command), the
 *  revisions the append gave them. Positions and times are the store's: the batch's last
 *  position stands for all, and the time is left empty. */
function asRecorded(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  result: AppendResult,
): RecordedEvent[] {
  const base = expected === 'no_stream' ? 0n : expected + 1n;
  return events.map((event, i) => ({
    id: event.id ?? '',
    streamName: stream,
    type: event.type,
    revision: base + BigInt(i),
    position: result.position,
    data: JSON.parse(JSON.stringify(event.data ?? null)) as unknown,
    metadata: JSON.parse(JSON.stringify(event.metadata ?? {})) as Record<string, unknown>,
    recordedAt: '',
  }));
}
