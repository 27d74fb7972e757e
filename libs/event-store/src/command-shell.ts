import {
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from './event-store.port';

export interface CommandShellOptions<S, E> {
  readonly store: EventStore;
  readonly stream: string;
  readonly initialState: () => S;
  readonly evolve: (state: S, event: RecordedEvent) => S;
  /** Pure: the events the command produces in this state (may be none). */
  readonly decide: (state: S) => readonly E[];
  readonly toNewEvent: (event: E) => NewEvent;
  /** Conflicts tolerated before giving up; each retry re-reads and re-decides. */
  readonly maxRetries?: number;
}

export interface CommandShellResult<S, E> {
  readonly events: readonly E[];
  readonly state: S;
  readonly nextExpectedRevision: bigint | 'no_stream';
}

/** A concurrency conflict that persisted through every retry. */
export class ConcurrencyRetriesExhaustedError extends Error {
  readonly code = 'concurrency_conflict';
  constructor(readonly stream: string, readonly attempts: number) {
    super(`Stream ${stream} kept changing; gave up after ${attempts} attempts`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }
}

/**
 * The one command-handling shell: read the stream, fold the state, decide, append with the
 * revision that was read. Only a concurrency conflict is retried (from a fresh read), a bounded
 * number of times; every other error goes to the caller.
 */
export async function handleCommand<S, E>(options: CommandShellOptions<S, E>): Promise<CommandShellResult<S, E>> {
  const maxRetries = options.maxRetries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const { events: history, revision } = await options.store.readStream(options.stream);
    let state = history.reduce(options.evolve, options.initialState());
    const events = options.decide(state);
    if (events.length === 0) return { events, state, nextExpectedRevision: revision };
    try {
      const result = await options.store.append(options.stream, events.map(options.toNewEvent), revision);
      // Fold the new events the way a later read would see them.
      const base = revision === 'no_stream' ? 0n : revision + 1n;
      events.forEach((event, i) => {
        const stored = options.toNewEvent(event);
        state = options.evolve(state, {
          id: stored.id ?? '',
          streamName: options.stream,
          type: stored.type,
          revision: base + BigInt(i),
          position: result.position,
          data: stored.data,
          metadata: stored.metadata ?? {},
          recordedAt: '',
        });
      });
      return { events, state, nextExpectedRevision: result.nextExpectedRevision };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxRetries) throw new ConcurrencyRetriesExhaustedError(options.stream, attempt + 1);
    }
  }
}
