import { WrongExpectedRevisionError, type EventStore } from '@switchboard/event-store';

/**
 * The store as it is, telling `onConflict` of every append it refused for a stale expected
 * revision: race tests use the count as proof that the replicas really raced to the store.
 */
export function conflictCountingStore(store: EventStore, onConflict: (stream: string) => void): EventStore {
  return {
    append: (stream, events, expected) =>
      store.append(stream, events, expected).catch((error: unknown) => {
        if (error instanceof WrongExpectedRevisionError) onConflict(stream);
        throw error;
      }),
    readStream: (stream, options) => store.readStream(stream, options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    close: () => store.close(),
  };
}
