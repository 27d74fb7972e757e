import { WrongExpectedVersionError } from '@eventstore/db-client';
import { DEFAULT_MAX_APPEND_BYTES, WrongExpectedRevisionError, type RecordedEvent } from './event-store.port';
import { EventStoreDbEventStore } from './esdb-event-store';
import { describeEventStoreContract } from './testing/event-store-contract';
import { startEsdbFakeServer, type EsdbFakeServer } from './testing/esdb-fake-server';

// Every operation is a gRPC round trip through the client (about 2 ms here, protobuf encoding
// included): the contract's 200-round race needs more than Jest's default 5 s on a busy machine.
jest.setTimeout(30_000);

// The adapter, through the official client, against a gRPC server speaking the client's own
// protocol definitions: no EventStoreDB needed in CI. Twice, because the client appends through
// BatchAppend when the server advertises it (current servers) and through Append otherwise.
const appendPaths = [
  { path: 'Append', fake: { batchAppend: false } },
  { path: 'BatchAppend', fake: { batchAppend: true } },
] as const;

for (const { path, fake } of appendPaths) {
  describeEventStoreContract(`EventStoreDB (wire-level fake, ${path})`, async () => {
    const server = await startEsdbFakeServer(fake);
    const store = EventStoreDbEventStore.fromUrl(server.url);
    return {
      store,
      // The fake's default, the server's: 1 MiB.
      maxAppendBytes: DEFAULT_MAX_APPEND_BYTES,
      cleanup: async () => {
        await store.close();
        await server.stop();
      },
    };
  });
}

// And against a real node when one is given (EVENTSTORE_URL=esdb://localhost:2113?tls=false).
// The suite's stream names are unique per run, so a shared server is fine.
const realUrl = process.env['EVENTSTORE_URL'];
if (realUrl && /^esdb(\+discover)?:\/\//.test(realUrl)) {
  describeEventStoreContract('EventStoreDB (EVENTSTORE_URL)', async () => {
    const store = EventStoreDbEventStore.fromUrl(realUrl);
    // A server with its MaxAppendSize left at the default.
    return { store, maxAppendBytes: DEFAULT_MAX_APPEND_BYTES, cleanup: () => store.close() };
  });
}

const waitFor = async (check: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(appendPaths)('EventStoreDbEventStore appending through $path', ({ path, fake }) => {
  let server: EsdbFakeServer;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    server = await startEsdbFakeServer(fake);
    store = EventStoreDbEventStore.fromUrl(server.url);
  });

  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  describe('wrong expected version', () => {
    it("turns the client's WrongExpectedVersionError into WrongExpectedRevisionError with the actual revision", async () => {
      await store.append(
        'agent-1',
        [
          { type: 'A', data: {} },
          { type: 'B', data: {} },
        ],
        'no_stream',
      );
      const stale = await store
        .append('agent-1', [{ type: 'C', data: {} }], 0n)
        .catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
      expect(stale).not.toBeInstanceOf(WrongExpectedVersionError);
      expect(stale).toMatchObject({
        name: 'WrongExpectedRevisionError',
        stream: 'agent-1',
        expected: 0n,
        actual: 1n,
      });
      await expect(
        store.append('agent-1', [{ type: 'C', data: {} }], 'no_stream'),
      ).rejects.toMatchObject({ expected: 'no_stream', actual: 1n });
      await expect(store.append('agent-2', [{ type: 'C', data: {} }], 4n)).rejects.toMatchObject({
        expected: 4n,
        actual: 'no_stream',
      });
    });

    it('reports the same error when the connection string asks the client not to throw', async () => {
      const lenient = EventStoreDbEventStore.fromUrl(`${server.url}&throwOnAppendFailure=false`);
      try {
        await lenient.append(
          'agent-1',
          [
            { type: 'A', data: {} },
            { type: 'A', data: {} },
            { type: 'A', data: {} },
          ],
          'no_stream',
        );
        await expect(
          lenient.append('agent-1', [{ type: 'B', data: {} }], 0n),
        ).rejects.toMatchObject({
          code: 'wrong_expected_revision',
          expected: 0n,
          actual: 2n,
        });
        await expect(
          lenient.append('agent-2', [{ type: 'B', data: {} }], 0n),
        ).rejects.toMatchObject({ actual: 'no_stream' });
      } finally {
        await lenient.close();
      }
    });
  });

  describe('expected revision on the wire', () => {
    it('sends an explicit expectation with every append, never "any"', async () => {
      await store.append('phone-1', [{ type: 'A', data: {} }], 'no_stream');
      await store.append('phone-1', [{ type: 'B', data: {} }], 0n);
      await store.append('phone-1', [{ type: 'C', data: {} }], 0n).catch(() => undefined);
      await store.append('phone-1', [{ type: 'C', data: {} }], 'no_stream').catch(() => undefined);
      await store.append('phone-2', [{ type: 'A', data: {} }], 7n).catch(() => undefined);
      expect(server.appends).toEqual(
        [
          { stream: 'phone-1', expected: { kind: 'no_stream' } },
          { stream: 'phone-1', expected: { kind: 'revision', revision: 0n } },
          { stream: 'phone-1', expected: { kind: 'revision', revision: 0n } },
          { stream: 'phone-1', expected: { kind: 'no_stream' } },
          { stream: 'phone-2', expected: { kind: 'revision', revision: 7n } },
        ].map((append) => ({ ...append, via: path })),
      );
    });

    it('refuses "any" (or a negative revision) from an untyped caller before anything is sent', async () => {
      for (const expected of ['any', 'stream_exists', -1n, undefined]) {
        await expect(
          store.append('phone-1', [{ type: 'A', data: {} }], expected as never),
        ).rejects.toBeInstanceOf(TypeError);
      }
      expect(server.appends).toEqual([]);
    });

    it('refuses data JSON cannot hold, and an empty append, before anything is sent', async () => {
      await expect(
        store.append('phone-1', [{ type: 'A', data: { n: 1n } }], 'no_stream'),
      ).rejects.toBeInstanceOf(TypeError);
      await expect(store.append('phone-1', [], 'no_stream')).rejects.toBeInstanceOf(RangeError);
      expect(server.appends).toEqual([]);
    });
  });
});

describe('EventStoreDbEventStore reading from a revision', () => {
  let server: EsdbFakeServer;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    server = await startEsdbFakeServer();
    store = EventStoreDbEventStore.fromUrl(server.url);
    await store.append(
      'agent-1',
      Array.from({ length: 10 }, (_, i) => ({ type: 'N', data: { i } })),
      'no_stream',
    );
  });

  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('asks the server for the events from one before the revision, in one read', async () => {
    const read = await store.readStream('agent-1', { fromRevision: 8n });
    expect(read.events.map((e) => e.revision)).toEqual([8n, 9n]);
    expect(read.revision).toBe(9n);
    // The one event early is what says the last revision when nothing is newer.
    expect(server.reads).toEqual([{ stream: 'agent-1', direction: 'forwards', from: 7n, sent: 3 }]);
  });

  it('learns the last revision from that one event when nothing is newer', async () => {
    expect(await store.readStream('agent-1', { fromRevision: 10n })).toEqual({
      events: [],
      revision: 9n,
    });
    expect(server.reads).toEqual([{ stream: 'agent-1', direction: 'forwards', from: 9n, sent: 1 }]);
  });

  it('asks for the last event backwards when the stream ends before the revision', async () => {
    expect(await store.readStream('agent-1', { fromRevision: 20n })).toEqual({
      events: [],
      revision: 9n,
    });
    expect(server.reads).toEqual([
      { stream: 'agent-1', direction: 'forwards', from: 19n, sent: 0 },
      { stream: 'agent-1', direction: 'backwards', from: 'end', sent: 1 },
    ]);
  });

  it('reads the whole stream from the start without a revision', async () => {
    expect((await store.readStream('agent-1')).events).toHaveLength(10);
    expect(server.reads).toEqual([
      { stream: 'agent-1', direction: 'forwards', from: 'start', sent: 10 },
    ]);
  });
});

describe('EventStoreDbEventStore subscribing to $all', () => {
  let server: EsdbFakeServer;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    server = await startEsdbFakeServer();
    store = EventStoreDbEventStore.fromUrl(server.url);
  });

  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('never hands over system events, filtered or not', async () => {
    await store.append('$stats-127.0.0.1', [{ type: 'StatsCollected', data: {} }], 'no_stream');
    await store.append(
      'agent-1',
      [
        { type: '$metadata', data: {} },
        { type: 'LoggedIn', data: {} },
      ],
      'no_stream',
    );
    const unfiltered: string[] = [];
    const byType: string[] = [];
    const bySystemPrefix: string[] = [];
    const tag = (e: RecordedEvent) => `${e.streamName}/${e.type}`;
    const subs = [
      await store.subscribeToAll({ onEvent: async (e) => void unfiltered.push(tag(e)) }),
      await store.subscribeToAll({
        filter: { eventTypes: ['$metadata', 'StatsCollected', 'LoggedIn'] },
        onEvent: async (e) => void byType.push(tag(e)),
      }),
      await store.subscribeToAll({
        filter: { streamPrefixes: ['$stats-'] },
        onEvent: async (e) => void bySystemPrefix.push(tag(e)),
      }),
    ];
    await waitFor(() => unfiltered.length === 1 && byType.length === 1, 'the application event');
    await settle(100);
    await Promise.all(subs.map((s) => s.close()));
    expect(unfiltered).toEqual(['agent-1/LoggedIn']);
    expect(byType).toEqual(['agent-1/LoggedIn']);
    expect(bySystemPrefix).toEqual([]);
  });

  it('matches event types exactly although the server filters them by prefix', async () => {
    await store.append(
      'phone-1',
      [
        { type: 'Claimed', data: {} },
        { type: 'ClaimedAgain', data: {} },
        { type: 'Released', data: {} },
      ],
      'no_stream',
    );
    const seen: string[] = [];
    const sub = await store.subscribeToAll({
      filter: { eventTypes: ['Claimed'] },
      onEvent: async (e) => void seen.push(e.type),
    });
    await store.append(
      'phone-1',
      [
        { type: 'ClaimedAgain', data: {} },
        { type: 'Claimed', data: {} },
      ],
      2n,
    );
    await waitFor(() => seen.length === 2, 'both Claimed events');
    await settle(100);
    await sub.close();
    expect(seen).toEqual(['Claimed', 'Claimed']);
  });

  it('reports a lost server through onError, keeps trying, and still closes promptly', async () => {
    const errors: Error[] = [];
    const sub = await store.subscribeToAll({
      onEvent: async () => undefined,
      onError: (e) => void errors.push(e),
    });
    await store.append('agent-1', [{ type: 'A', data: {} }], 'no_stream');
    await server.stop();
    await waitFor(() => errors.length >= 2, 'the failed read and a failed retry');
    const closing = Date.now();
    await sub.close();
    expect(Date.now() - closing).toBeLessThan(500);
  });
});

describe('EventStoreDbEventStore.fromUrl', () => {
  it('keeps credentials out of the error for a bad connection string', () => {
    const attempt = () =>
      EventStoreDbEventStore.fromUrl(
        'esdb://admin:s3cret@localhost:2113?tls=false&nodePreference=nowhere',
      );
    expect(attempt).toThrow(/Invalid EventStoreDB connection string/);
    expect(attempt).toThrow(/esdb:\/\/\*\*\*@localhost:2113/);
    expect(attempt).not.toThrow(/s3cret/);
  });
});
