import { handleCommand, type EventStore, type RecordedEvent } from '@switchboard/event-store';

/** A recorded event as the deciders see it: `{type, data, metadata}`. */
export function messageOf<E>(recorded: RecordedEvent): E {
  return { type: recorded.type, data: recorded.data, metadata: recorded.metadata } as E;
}

export interface DeciderRun<S, D> {
  readonly decision: D;
  /** The state after the decision's events. */
  readonly state: S;
}

/**
 * Runs one command of a pure decider (Phone, Seat, PIN) through the command-handling shell:
 * read, fold, decide, append with the read revision, re-decide on a conflict.
 */
export async function runDecider<S, E extends { type: string; data: unknown; metadata: object }, D extends { readonly events: readonly E[] }>(
  store: EventStore,
  stream: string,
  decider: { readonly initial: () => S; readonly evolve: (state: S, event: E) => S },
  decide: (state: S) => D,
  maxRetries = 5,
): Promise<DeciderRun<S, D>> {
  let decision: D | undefined;
  const result = await handleCommand<S, E>({
    store,
    stream,
    initialState: decider.initial,
    evolve: (state, recorded) => decider.evolve(state, messageOf<E>(recorded)),
    decide: (state) => {
      decision = decide(state);
      return decision.events;
    },
    toNewEvent: (event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata } }),
    maxRetries,
  });
  if (!decision) throw new Error(`command on ${stream} returned without deciding`);
  return { decision, state: result.state };
}

/** The state of a stream, folded. */
export async function foldStream<S, E>(
  store: EventStore,
  stream: string,
  decider: { readonly initial: () => S; readonly evolve: (state: S, event: E) => S },
): Promise<{ state: S; events: readonly RecordedEvent[] }> {
  const { events } = await store.readStream(stream);
  return { state: events.reduce((s, e) => decider.evolve(s, messageOf<E>(e)), decider.initial()), events };
}
