import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDirectory, type AgentEntry, type Directory } from '@switchboard/agent-domain';
import { streamNames } from '@switchboard/contracts';
import {
  DEFAULT_MAX_APPEND_BYTES,
  EventStoreDbEventStore,
  InMemoryEventStore,
  SqliteEventStore,
  appendSizeOf,
  type EventStore,
} from '@switchboard/event-store';
import { startEsdbFakeServer } from '@switchboard/event-store/testing';
import { until } from '../testing/session-harness';
import { DirectoryFollower } from './directory-follower';
import { DirectoryLog, type DirectoryChange } from './directory-log';
import { LiveDirectory } from './live-directory';

/**
 * A directory of 20,000 agents (some 4 MB as one event) on every adapter, each bounded like
 * EventStoreDB's default MaxAppendSize (1 MiB): seeded from a file and imported whole through the
 * admin path, it is recorded in parts, read back whole, and a follower in another replica goes
 * from the old directory straight to the whole new one, never to a part of it.
 */
const AGENTS = 20_000;

const agents = (count: number, prefix: string): AgentEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    name: `Agent ${prefix}${i} with a name of ordinary length`,
    line: `PJSIP/${prefix}${i}`,
    queues: ['helpdesk', 'sales'],
    pinHash: `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`,
  }));
const site = (list: AgentEntry[]): Directory =>
  parseDirectory({ pbxId: 'pbx1', queues: [{ name: 'helpdesk', loginNumber: '811' }, { name: 'sales', loginNumber: '812' }], agents: list });
const replaceWith =
  (directory: Directory): DirectoryChange =>
  () => ({ type: 'DirectoryReplaced', data: { directory, source: 'api' } });

interface Adapter {
  readonly name: string;
  open(): Promise<{ stores: [EventStore, EventStore]; close(): Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'in memory',
    open: async () => {
      const store = new InMemoryEventStore({ maxAppendBytes: DEFAULT_MAX_APPEND_BYTES });
      return { stores: [store, store], close: () => store.close() };
    },
  },
  {
    name: 'SQLite (two connections to one file)',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-large-'));
      const file = path.join(dir, 'events.sqlite');
      const stores: [SqliteEventStore, SqliteEventStore] = [
        new SqliteEventStore({ path: file, maxAppendBytes: DEFAULT_MAX_APPEND_BYTES }),
        new SqliteEventStore({ path: file, maxAppendBytes: DEFAULT_MAX_APPEND_BYTES, pollMs: 10 }),
      ];
      return {
        stores,
        close: async () => {
          await Promise.all(stores.map((s) => s.close()));
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'EventStoreDB (wire-level fake, BatchAppend, its default MaxAppendSize)',
    open: async () => {
      const server = await startEsdbFakeServer({ batchAppend: true });
      const stores: [EventStoreDbEventStore, EventStoreDbEventStore] = [EventStoreDbEventStore.fromUrl(server.url), EventStoreDbEventStore.fromUrl(server.url)];
      return {
        stores,
        close: async () => {
          await Promise.all(stores.map((s) => s.close()));
          await server.stop();
        },
      };
    },
  },
];

describe.each(adapters)('a directory of 20,000 agents on $name', (adapter) => {
  let opened: Awaited<ReturnType<Adapter['open']>>;
  beforeEach(async () => {
    opened = await adapter.open();
  });
  afterEach(async () => {
    await opened.close();
  });

  it('would not fit in one append: the bound is real', () => {
    const whole = { type: 'DirectoryReplaced', data: { directory: site(agents(AGENTS, '1')), source: 'api' } };
    expect(appendSizeOf([whole])).toBeGreaterThan(DEFAULT_MAX_APPEND_BYTES);
  });

  it('is seeded and imported in parts, read back whole, and followed without ever a half import in force', async () => {
    const [mine, theirs] = opened.stores;
    const log = new DirectoryLog(mine);
    const seeded = await log.seed(site(agents(AGENTS, '1')), 'sha', new Date().toISOString());
    expect(seeded.directory.agents).toHaveLength(AGENTS);
    expect((await new DirectoryLog(theirs).read('pbx1'))?.directory.agents).toHaveLength(AGENTS);

    // Another replica follows the stream from the seed.
    const follower = new LiveDirectory(seeded);
    const inForce: number[] = [];
    follower.onChange((v) => inForce.push(v.directory.agents.length, Number(v.directory.agents.every((a) => a.id.startsWith('2')))));
    const following = new DirectoryFollower(theirs, follower, new DirectoryLog(theirs));
    await following.onApplicationBootstrap();
    try {
      const imported = await log.change('pbx1', replaceWith(site(agents(AGENTS, '2'))), 'admin');
      expect(imported.directory.agents).toHaveLength(AGENTS);
      await until(async () => follower.version === imported.version, 'the follower at the imported version');
      // One swap, straight to the whole import (every agent of it, none of the old one).
      expect(inForce).toEqual([AGENTS, 1]);
      expect(follower.current).toEqual(imported.directory);
    } finally {
      await following.beforeApplicationShutdown();
    }

    const { events } = await mine.readStream(streamNames.directory('pbx1'));
    const parts = events.filter((e) => e.type === 'DirectoryPartRecorded');
    expect(parts.length).toBeGreaterThanOrEqual(2 * Math.ceil(4_000_000 / DEFAULT_MAX_APPEND_BYTES));
    expect((await new DirectoryLog(theirs).read('pbx1'))?.directory).toEqual(parseDirectory(site(agents(AGENTS, '2'))));
  }, 120_000);
});
