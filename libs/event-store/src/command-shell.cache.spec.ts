import { handleCommand } from './command-shell';
import type { EventStore, ReadStreamOptions, RecordedEvent } from './event-store.port';
import { InMemoryEventStore } from './in-memory-event-store';
import { StreamStateCache } from './stream-state-cache';

/** A state its evolve changes IN PLACE (as the agent command service's does): what the cache
 *  must keep safe. `log` is every amount in stream order, so any double or lost fold shows. */
interface Tally {
  total: number;
  readonly log: number[];
}
type Added = { type: 'Added'; by: number };

const evolve = (state: Tally, event: RecordedEvent): Tally => {
  const by = (event.data as { by: number }).by;
  state.total += by;
  state.log.push(by);
  return state;
};
const initialState = (): Tally => ({ total: 0, log: [] });

const add = (
  store: EventStore,
  cache: StreamStateCache<Tally> | undefined,
  by: number,
  stream = 'tally-1',
) =>
  handleCommand<Tally, Added>({
    store,
    stream,
    initialState,
    evolve,
    decide: (s) => (s.total >= 1000 ? [] : [{ type: 'Added', by }]),
    toNewEvent: (e) => ({ type: e.type, data: { by: e.by } }),
    cache,
  });

/** The state folded from the whole stream, fresh: what any cached state must equal. */
const truth = async (store: EventStore, stream = 'tally-1'): Promise<Tally> =>
  (await store.readStream(stream)).events.reduce(evolve, initialState());

/** The store, with every readStream's start revision recorded. */
function recordingReads(store: EventStore): { store: EventStore; reads: (bigint | undefined)[] } {
  const reads: (bigint | undefined)[] = [];
  return {
    reads,
    store: {
      append: (s, e, x) => store.append(s, e, x),
      readStream: (s, o?: ReadStreamOptions) => {
        reads.push(o?.fromRevision);
        return store.readStream(s, o);
      },
      subscribeToAll: (o) => store.subscribeToAll(o),
      close: () => store.close(),
    },
  };
}

describe('handleCommand with a state cache', () => {
  it('keeps two replicas with their own caches exact when they take turns on one stream', async () => {
    const shared = new InMemoryEventStore();
    const replicas = [recordingReads(shared), recordingReads(shared)].map((r) => ({
      ...r,
      cache: new StreamStateCache<Tally>({ capacity: 10 }),
    }));
    for (let i = 1; i <= 20; i++) {
      const replica = replicas[i % 2] as (typeof replicas)[number];
      const result = await add(replica.store, replica.cache, i);
      expect(result.state).toEqual(await truth(shared));
      expect(replica.cache.get('tally-1')).toEqual({
        state: await truth(shared),
        revision: BigInt(i - 1),
      });
    }
    expect((await truth(shared)).log).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // After its first command each replica reads only from after its own last append (command
    // i - 2 wrote revision i - 3): the other replica's one event.
    const [evens, odds] = replicas as [(typeof replicas)[number], (typeof replicas)[number]];
    expect(odds.reads).toEqual([
      undefined,
      ...Array.from({ length: 9 }, (_, k) => BigInt(2 * k + 1)),
    ]);
    expect(evens.reads).toEqual([
      undefined,
      ...Array.from({ length: 9 }, (_, k) => BigInt(2 * k + 2)),
    ]);
  });

  it('never folds a decision whose append was refused: the retry reads on from the cached state', async () => {
    const inner = new InMemoryEventStore();
    const cache = new StreamStateCache<Tally>({ capacity: 10 });
    await add(inner, cache, 1);
    let interfere = true;
    // Between this command's read and its append, another replica appends 100.
    const racing: EventStore = {
      readStream: (s, o) => inner.readStream(s, o),
      subscribeToAll: (o) => inner.subscribeToAll(o),
      close: () => inner.close(),
      append: async (stream, events, expected) => {
        if (interfere) {
          interfere = false;
          await inner.append(stream, [{ type: 'Added', data: { by: 100 } }], expected);
        }
        return inner.append(stream, events, expected);
      },
    };
    const result = await add(racing, cache, 2);
    expect(result.state).toEqual({ total: 103, log: [1, 100, 2] });
    expect(cache.get('tally-1')).toEqual({ state: await truth(inner), revision: 2n });
    expect((await add(inner, cache, 3)).state).toEqual(await truth(inner));
  });

  it('keeps the cached state exact when conflicts outlast the retries', async () => {
    const inner = new InMemoryEventStore();
    const cache = new StreamStateCache<Tally>({ capacity: 10 });
    await add(inner, cache, 1);
    const alwaysBeaten: EventStore = {
      readStream: (s, o) => inner.readStream(s, o),
      subscribeToAll: (o) => inner.subscribeToAll(o),
      close: () => inner.close(),
      // Another writer gets in before every append of ours.
      append: async (stream, events, expected) => {
        await inner.append(stream, [{ type: 'Added', data: { by: 10 } }], expected);
        return inner.append(stream, events, expected);
      },
    };
    await expect(add(alwaysBeaten, cache, 5)).rejects.toMatchObject({
      code: 'concurrency_conflict',
    });
    const result = await add(inner, cache, 7);
    expect(result.state).toEqual(await truth(inner));
    expect(result.state.log).toEqual([1, 10, 10, 10, 10, 7]);
  });

  it('lets commands on one stream in one process take turns: no conflict, nothing folded twice', async () => {
    const inner = new InMemoryEventStore();
    const cache = new StreamStateCache<Tally>({ capacity: 10 });
    let refused = 0;
    const counting: EventStore = {
      readStream: (s, o) => inner.readStream(s, o),
      subscribeToAll: (o) => inner.subscribeToAll(o),
      close: () => inner.close(),
      append: (s, e, x) =>
        inner.append(s, e, x).catch((error: unknown) => {
          refused++;
          throw error;
        }),
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => add(counting, cache, i + 1)));
    expect(refused).toBe(0);
    expect(cache.get('tally-1')?.state).toEqual(await truth(inner));
    expect((await truth(inner)).log).toHaveLength(30);
  });

  it('holds at most its capacity of streams, and folds an evicted stream whole again', async () => {
    const { store, reads } = recordingReads(new InMemoryEventStore());
    const cache = new StreamStateCache<Tally>({ capacity: 2 });
    for (const stream of ['s-1', 's-2', 's-3', 's-4', 's-5']) await add(store, cache, 1, stream);
    expect(cache.size).toBe(2);
    expect(cache.get('s-1')).toBeUndefined();
    reads.length = 0;
    const result = await add(store, cache, 2, 's-1');
    expect(reads).toEqual([undefined]);
    expect(result.state).toEqual({ total: 3, log: [1, 2] });
    expect(cache.size).toBe(2);
  });

  it('counts only newer events when an adapter ignores fromRevision and returns the whole stream', async () => {
    const inner = new InMemoryEventStore();
    const whole: EventStore = {
      append: (s, e, x) => inner.append(s, e, x),
      readStream: (s) => inner.readStream(s),
      subscribeToAll: (o) => inner.subscribeToAll(o),
      close: () => inner.close(),
    };
    const cache = new StreamStateCache<Tally>({ capacity: 10 });
    for (let i = 1; i <= 5; i++) await add(whole, cache, i);
    expect(cache.get('tally-1')?.state).toEqual({ total: 15, log: [1, 2, 3, 4, 5] });
  });

  it('forgets a cached state the stream no longer continues, and folds the stream whole', async () => {
    const cache = new StreamStateCache<Tally>({ capacity: 10 });
    const first = new InMemoryEventStore();
    for (let i = 0; i < 3; i++) await add(first, cache, 1);
    // Another store (a stream written again from scratch): revision 0 where the cache holds 2.
    const second = new InMemoryEventStore();
    await second.append('tally-1', [{ type: 'Added', data: { by: 50 } }], 'no_stream');
    const result = await add(second, cache, 5);
    expect(result.state).toEqual({ total: 55, log: [50, 5] });
  });

  it('drops a state an evolve failed on half-way instead of keeping it half-changed', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache<Tally>({ capacity: 10 });
    await add(store, cache, 1);
    await store.append(
      'tally-1',
      [
        { type: 'Added', data: { by: 2 } },
        { type: 'Added', data: { by: 'x' } },
      ],
      0n,
    );
    const failing = (s: Tally, e: RecordedEvent) => {
      if (typeof (e.data as { by: unknown }).by !== 'number') throw new Error('bad event');
      return evolve(s, e);
    };
    const run = () =>
      handleCommand<Tally, Added>({
        store,
        stream: 'tally-1',
        initialState,
        evolve: failing,
        decide: () => [],
        toNewEvent: (e) => ({ type: e.type, data: { by: e.by } }),
        cache,
      });
    await expect(run()).rejects.toThrow('bad event');
    expect(cache.get('tally-1')).toBeUndefined();
  });
});
