import fs from 'node:fs';
import path from 'node:path';
import { EventStoreDbEventStore, InMemoryEventStore, SqliteEventStore, type EventStore } from '@switchboard/event-store';
import type { AppConfig } from '../config/app-config';

/** sqlite:<file> (default, under DATA_DIR), memory:, or EventStoreDB/KurrentDB (esdb://, esdb+discover://). */
export function createEventStore(config: AppConfig): EventStore {
  const url = config.eventStoreUrl;
  if (url === 'memory:') return new InMemoryEventStore();
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) return EventStoreDbEventStore.fromUrl(url);
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new SqliteEventStore({ path: file });
  }
  throw new Error(`EVENTSTORE_URL: unsupported scheme (expected sqlite:<file>, memory: or esdb://)`);
}
