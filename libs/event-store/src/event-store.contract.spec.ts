import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_APPEND_BYTES } from './event-store.port';
import { InMemoryEventStore } from './in-memory-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { describeEventStoreContract } from './testing/event-store-contract';

describeEventStoreContract('in memory', async () => {
  const store = new InMemoryEventStore({ maxAppendBytes: DEFAULT_MAX_APPEND_BYTES });
  return { store, maxAppendBytes: DEFAULT_MAX_APPEND_BYTES, cleanup: () => store.close() };
});

// Both durability settings: FULL changes when a commit returns, which group commit must not mind.
for (const synchronous of ['normal', 'full'] as const) {
  describeEventStoreContract(`SQLite file (synchronous ${synchronous})`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-'));
    const store = new SqliteEventStore({ path: path.join(dir, 'events.sqlite'), synchronous, maxAppendBytes: DEFAULT_MAX_APPEND_BYTES });
    return {
      store,
      maxAppendBytes: DEFAULT_MAX_APPEND_BYTES,
      cleanup: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}

describe('SQLite event store shared by two processes on one file', () => {
  it('sees appends made through another connection, and refuses a conflicting one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-'));
    const file = path.join(dir, 'events.sqlite');
    const writer = new SqliteEventStore({ path: file });
    const reader = new SqliteEventStore({ path: file, pollMs: 10 });
    try {
      const seen: string[] = [];
      const sub = await reader.subscribeToAll({ onEvent: async (e) => void seen.push(e.type) });
      await writer.append('agent-1', [{ type: 'AgentLoggedIn', data: {} }], 'no_stream');
      const deadline = Date.now() + 3000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(seen).toEqual(['AgentLoggedIn']);
      await expect(reader.append('agent-1', [{ type: 'X', data: {} }], 'no_stream')).rejects.toMatchObject({ actual: 0n });
      await sub.close();
    } finally {
      await writer.close();
      await reader.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
