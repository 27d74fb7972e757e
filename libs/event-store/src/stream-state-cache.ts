/** A stream's folded state and the revision of the last event folded into it. */
export interface CachedStream<S> {
  readonly state: S;
  readonly revision: bigint;
}

export interface StreamStateCacheOptions<S> {
  /** The most the cache holds, in weight: with the default weight of 1 per stream, a number of
   *  streams. Least recently used streams go first. */
  readonly capacity: number;
  /** A state's weight, for states whose size varies (≥ 1; weighed again at every set, since a
   *  state grows with the events folded into it). Default: 1. */
  readonly weigh?: (state: S) => number;
}

interface Entry<S> extends CachedStream<S> {
  readonly weight: number;
}

/**
 * The command shell's memory of folded streams, per process: a bounded LRU from stream name to
 * (state, revision), so a command reads only the events after `revision` instead of the whole
 * stream. It is never trusted on its own: the shell always reads from the cached revision, so what
 * another replica appended is folded in before deciding.
 *
 * Commands on one stream take turns here (`exclusive`), which is what makes a state that the
 * evolve function changes in place safe to keep: only one command at a time folds onto a stream's
 * state, and it folds only events the store has committed (read back, or appended successfully).
 * A decision whose append fails changes nothing. Turns are per stream and per process: other
 * streams, and other processes, go on in parallel (their conflicts are the store's to refuse).
 *
 * One cache per state type: the shells sharing it must fold a stream the same way.
 */
export class StreamStateCache<S> {
  /** Map order is recency: the first key is the least recently used. */
  private readonly entries = new Map<string, Entry<S>>();
  /** The tail of each stream's queue of turns; removed when the stream is idle. */
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly capacity: number;
  private readonly weigh: (state: S) => number;
  private held = 0;

  constructor(options: StreamStateCacheOptions<S>) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1)
      throw new RangeError(
        `StreamStateCache: capacity must be a positive integer, got ${options.capacity}`,
      );
    this.capacity = options.capacity;
    this.weigh = options.weigh ?? (() => 1);
  }

  /** Streams held. */
  get size(): number {
    return this.entries.size;
  }

  /** Their total weight, never above the capacity. */
  get weight(): number {
    return this.held;
  }

  get(stream: string): CachedStream<S> | undefined {
    const entry = this.entries.get(stream);
    if (entry) {
      this.entries.delete(stream);
      this.entries.set(stream, entry);
    }
    return entry && { state: entry.state, revision: entry.revision };
  }

  set(stream: string, state: S, revision: bigint): void {
    this.delete(stream);
    const weight = Math.max(1, this.weigh(state));
    // A state heavier than the whole cache is not kept (it would evict everything, then itself).
    if (weight > this.capacity) return;
    this.entries.set(stream, { state, revision, weight });
    this.held += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.held <= this.capacity) break;
      this.entries.delete(oldest);
      this.held -= entry.weight;
    }
  }

  delete(stream: string): void {
    const entry = this.entries.get(stream);
    if (!entry) return;
    this.entries.delete(stream);
    this.held -= entry.weight;
  }

  /** Runs `work` when the commands on this stream queued before it have finished (failed or not). */
  exclusive<T>(stream: string, work: () => Promise<T>): Promise<T> {
    // A tail never rejects (see below), so the next turn starts whatever this one came to.
    const previous = this.turns.get(stream) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(stream, tail);
    void tail.then(() => {
      if (this.turns.get(stream) === tail) this.turns.delete(stream);
    });
    return run;
  }
}
