export * from './event-store.port';
export * from './in-memory-event-store';
export * from './sqlite-event-store';
export * from './command-shell';
export { matchesFilter } from './polling-subscription';
export {
  EventStoreDbEventStore,
  redactConnectionString,
  type EventStoreDbEventStoreOptions,
} from './esdb-event-store';
export {
  StreamStateCache,
  type CachedStream,
  type StreamStateCacheOptions,
} from './stream-state-cache';
