import { AppendTooLargeError, WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '../event-store.port';

export interface EventStoreFixture {
  readonly store: EventStore;
  /** The store's bound on one append, in bytes (EventStoreDB's MaxAppendSize), if it has one. */
  readonly maxAppendBytes?: number;
  cleanup(): Promise<void>;
}

let streamCounter = 0;
/** Stream names unique per test, so the suite can run against a shared server. */
const uniqueStream = (category: string) => `${category}-${process.pid}x${Date.now().toString(36)}x${++streamCounter}`;

async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The behaviour every event-store adapter must have, by the port's semantics only. Run by the
 * embedded adapters here, and by the EventStoreDB adapter against its wire-level test server.
 */
export function describeEventStoreContract(name: string, factory: () => Promise<EventStoreFixture>): void {
  describe(`event store contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('appends to a new stream and reads it back in order, data and metadata intact', async () => {
      const stream = uniqueStream('agent');
      const result = await store.append(
        stream,
        [
          { type: 'AgentLoggedIn', data: { queue: 'helpdesk', n: 1 }, metadata: { causationId: 'c1' } },
          { type: 'AgentLoggedOut', data: { queue: 'helpdesk', nested: { a: [1, 2] } } },
        ],
        'no_stream',
      );
      expect(result.nextExpectedRevision).toBe(1n);
      const read = await store.readStream(stream);
      expect(read.revision).toBe(1n);
      expect(read.events.map((e) => [e.type, e.revision, e.streamName])).toEqual([
        ['AgentLoggedIn', 0n, stream],
        ['AgentLoggedOut', 1n, stream],
      ]);
      expect(read.events[0].data).toEqual({ queue: 'helpdesk', n: 1 });
      expect(read.events[0].metadata).toMatchObject({ causationId: 'c1' });
      expect(read.events[1].data).toEqual({ queue: 'helpdesk', nested: { a: [1, 2] } });
      expect(read.events[1].position > read.events[0].position).toBe(true);
    });

    it('refuses an append above the store’s maximum size whole, writing nothing, and takes one below it', async () => {
      const max = fixture.maxAppendBytes;
      if (max === undefined) return; // An unbounded store has nothing to refuse.
      const stream = uniqueStream('directory');
      // Several events that pass one by one, too many together: the bound is on the append.
      const part = (n: number) => ({ type: 'Part', data: { n, text: 'x'.repeat(Math.floor(max / 4)) } });
      const error = await store.append(stream, [part(1), part(2), part(3), part(4), part(5), part(6)], 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(error).toMatchObject({ stream, maxAppendBytes: max });
      expect(await store.readStream(stream)).toEqual({ events: [], revision: 'no_stream' });
      await store.append(stream, [part(1), part(2)], 'no_stream');
      expect((await store.readStream(stream)).events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2]);
    });

    it('reads a missing stream as no_stream with no events', async () => {
      const read = await store.readStream(uniqueStream('missing'));
      expect(read).toEqual({ events: [], revision: 'no_stream' });
    });

    it('reads a stream from a revision: the events from there on, and the last revision always', async () => {
      const stream = uniqueStream('agent');
      await store.append(stream, [0, 1, 2, 3, 4].map((i) => ({ type: 'N', data: { i } })), 'no_stream');
      const whole = await store.readStream(stream);
      expect(await store.readStream(stream, { fromRevision: 0n })).toEqual(whole);
      expect(await store.readStream(stream, {})).toEqual(whole);

      const middle = await store.readStream(stream, { fromRevision: 3n });
      expect(middle.revision).toBe(4n);
      expect(middle.events.map((e) => [e.revision, (e.data as { i: number }).i])).toEqual([
        [3n, 3],
        [4n, 4],
      ]);
      expect(middle.events).toEqual(whole.events.slice(3));
      expect((await store.readStream(stream, { fromRevision: 4n })).events.map((e) => e.revision)).toEqual([4n]);

      // Nothing newer: no events, and still the stream's last revision (what a cache needs to know).
      expect(await store.readStream(stream, { fromRevision: 5n })).toEqual({ events: [], revision: 4n });
      expect(await store.readStream(stream, { fromRevision: 9n })).toEqual({ events: [], revision: 4n });

      await store.append(stream, [{ type: 'N', data: { i: 5 } }], 4n);
      const since = await store.readStream(stream, { fromRevision: 5n });
      expect(since.revision).toBe(5n);
      expect(since.events.map((e) => [e.type, e.revision, e.data])).toEqual([['N', 5n, { i: 5 }]]);
    });

    it('reads from a revision on a one-event stream and on a missing one', async () => {
      const stream = uniqueStream('agent');
      await store.append(stream, [{ type: 'A', data: {} }], 'no_stream');
      expect(await store.readStream(stream, { fromRevision: 1n })).toEqual({ events: [], revision: 0n });
      expect(await store.readStream(stream, { fromRevision: 2n })).toEqual({ events: [], revision: 0n });
      const missing = uniqueStream('missing');
      expect(await store.readStream(missing, { fromRevision: 0n })).toEqual({ events: [], revision: 'no_stream' });
      expect(await store.readStream(missing, { fromRevision: 1n })).toEqual({ events: [], revision: 'no_stream' });
      expect(await store.readStream(missing, { fromRevision: 3n })).toEqual({ events: [], revision: 'no_stream' });
    });

    it('refuses a negative start revision rather than reading from the start', async () => {
      const stream = uniqueStream('agent');
      await store.append(stream, [{ type: 'A', data: {} }], 'no_stream');
      await expect(store.readStream(stream, { fromRevision: -1n })).rejects.toBeInstanceOf(RangeError);
    });

    it('refuses an append with a stale revision, and one that expects no stream on an existing one', async () => {
      const stream = uniqueStream('agent');
      await store.append(stream, [{ type: 'A', data: {} }], 'no_stream');
      await store.append(stream, [{ type: 'B', data: {} }], 0n);
      await expect(store.append(stream, [{ type: 'C', data: {} }], 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(stream, [{ type: 'C', data: {} }], 'no_stream')).rejects.toMatchObject({
        code: 'wrong_expected_revision',
        actual: 1n,
      });
      await expect(store.append(uniqueStream('agent'), [{ type: 'C', data: {} }], 3n)).rejects.toMatchObject({
        actual: 'no_stream',
      });
      expect((await store.readStream(stream)).events.map((e) => e.type)).toEqual(['A', 'B']);
    });

    it('lets exactly one of two concurrent appends with the same expected revision win, every time', async () => {
      for (let round = 0; round < 100; round++) {
        const stream = uniqueStream('phone');
        await store.append(stream, [{ type: 'Created', data: {} }], 'no_stream');
        const results = await Promise.allSettled([
          store.append(stream, [{ type: 'Claimed', data: { by: 'a' } }], 0n),
          store.append(stream, [{ type: 'Claimed', data: { by: 'b' } }], 0n),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((await store.readStream(stream)).events).toHaveLength(2);
      }
    });

    it('delivers $all from the start, from a checkpoint, filtered, and live, until closed', async () => {
      const prefix = uniqueStream('sub');
      const a = `${prefix}a`;
      const b = `other${prefix}`;
      await store.append(a, [{ type: 'One', data: { i: 1 } }, { type: 'Two', data: { i: 2 } }], 'no_stream');
      await store.append(b, [{ type: 'One', data: { i: 3 } }], 'no_stream');

      const seen: RecordedEvent[] = [];
      const sub = await store.subscribeToAll({ filter: { streamPrefixes: [prefix] }, onEvent: async (e) => void seen.push(e) });
      await waitFor(() => seen.length === 2, 'the two events of the prefixed stream');
      await store.append(a, [{ type: 'Three', data: { i: 4 } }], 1n);
      await waitFor(() => seen.length === 3, 'the live event');
      expect(seen.map((e) => e.type)).toEqual(['One', 'Two', 'Three']);
      await sub.close();
      await store.append(a, [{ type: 'Four', data: {} }], 2n);
      await new Promise((r) => setTimeout(r, 150));
      expect(seen).toHaveLength(3);

      const typed: RecordedEvent[] = [];
      const fromCheckpoint = await store.subscribeToAll({
        from: seen[0].position,
        filter: { streamPrefixes: [prefix, `other${prefix}`], eventTypes: ['One', 'Four'] },
        onEvent: async (e) => void typed.push(e),
      });
      await waitFor(() => typed.length === 2, 'the filtered events after the checkpoint');
      expect(typed.map((e) => [e.streamName, e.type])).toEqual([
        [b, 'One'],
        [a, 'Four'],
      ]);
      await fromCheckpoint.close();
    });

    it('hands events over one at a time, each after the previous handler finished', async () => {
      const stream = uniqueStream('seq');
      await store.append(stream, [1, 2, 3, 4].map((i) => ({ type: 'N', data: { i } })), 'no_stream');
      let inFlight = 0;
      let maxInFlight = 0;
      const order: number[] = [];
      const sub = await store.subscribeToAll({
        filter: { streamPrefixes: [stream] },
        onEvent: async (e) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          order.push((e.data as { i: number }).i);
          inFlight--;
        },
      });
      await waitFor(() => order.length === 4, 'all four events');
      await sub.close();
      expect(order).toEqual([1, 2, 3, 4]);
      expect(maxInFlight).toBe(1);
    });
  });
}
