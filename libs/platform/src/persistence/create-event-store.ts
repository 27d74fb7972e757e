import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_MAX_APPEND_BYTES,
  EventStoreDbEventStore,
  InMemoryEventStore,
  SqliteEventStore,
  type EventStore,
} from '@switchboard/event-store';
import type { AppConfig } from '../config/app-config';

/**
 * sqlite:<file> (default, under DATA_DIR), memory:, or EventStoreDB/KurrentDB (esdb://, esdb+discover://).
 * The embedded stores refuse an append above KurrentDB's default MaxAppendSize as the server does,
 * so an append that would fail in production fails the same way in single-process mode and in tests.
 */
export function createEventStore(config: AppConfig): EventStore {
  const url = config.eventStoreUrl;
  const maxAppendBytes = DEFAULT_MAX_APPEND_BYTES;
  if (url === 'memory:') return new InMemoryEventStore({ maxAppendBytes });
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) return EventStoreDbEventStore.fromUrl(url);
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new SqliteEventStore({ path: file, maxAppendBytes });
  }
  throw new Error(`EVENTSTORE_URL: unsupported scheme (expected sqlite:<file>, memory: or esdb://)`);
}
