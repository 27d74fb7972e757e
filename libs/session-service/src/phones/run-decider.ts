import { handleCommand, type EventStore, type RecordedEvent, type StreamStateCache } from '@switchboard/event-store';

/** A recorded event as the deciders see it: `{type, data, metadata}`. */
export function messageOf<E>(recorded: RecordedEvent): E {
  return { type: recorded.type, data: recorded.data, metadata: recorded.metadata } as E;
}

export interface DeciderRun<S, D> {
  readonly decision: D;
  /** The state after the decision's events. */
  readonly state: S;
}

/** How a stream folds: from what, and one recorded event at a time. */
export interface StreamFold<S> {
  readonly initial: () => S;
  readonly evolve: (state: S, recorded: RecordedEvent) => S;
  /** Folded states kept between commands (StreamStateCache): only what was appended since, by
   *  any replica, is read. The evolve must then never change a state it was given. */
  readonly cache?: StreamStateCache<S>;
}

/** A pure decider's evolve, over recorded events. */
export function foldOf<S, E>(decider: { readonly initial: () => S; readonly evolve: (state: S, event: E) => S }, cache?: StreamStateCache<S>): StreamFold<S> {
  return { initial: decider.initial, evolve: (state, recorded) => decider.evolve(state, messageOf<E>(recorded)), ...(cache ? { cache } : {}) };
}

/**
 * Runs one command of a pure decider (Phone, Seat, PIN) through the command-handling shell:
 * read (through the fold's cache, if any), fold, decide, append with the read revision,
 * re-decide on a conflict.
 */
export async function runDecider<S, E extends { type: string; data: unknown; metadata: object }, D extends { readonly events: readonly E[] }>(
  store: EventStore,
  stream: string,
  fold: StreamFold<S>,
  decide: (state: S) => D,
  maxRetries = 5,
): Promise<DeciderRun<S, D>> {
  let decision: D | undefined;
  const result = await handleCommand<S, E>({
    store,
    stream,
    initialState: fold.initial,
    evolve: fold.evolve,
    decide: (state) => {
      decision = decide(state);
      return decision.events;
    },
    toNewEvent: (event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata } }),
    maxRetries,
    ...(fold.cache ? { cache: fold.cache } : {}),
  });
  if (!decision) throw new Error(`command on ${stream} returned without deciding`);
  return { decision, state: result.state };
}

/** The state of a stream now: through the shell (and its cache) as a command that decides nothing. */
export async function readState<S>(store: EventStore, stream: string, fold: StreamFold<S>): Promise<S> {
  return (await runDecider<S, never, { events: readonly never[] }>(store, stream, fold, () => ({ events: [] }))).state;
}
