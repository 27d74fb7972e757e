import { ConcurrencyRetriesExhaustedError, handleCommand } from './command-shell';
import { WrongExpectedRevisionError, type EventStore } from './event-store.port';
import { InMemoryEventStore } from './in-memory-event-store';

interface Counter {
  readonly value: number;
}
type Incremented = { type: 'Incremented'; by: number };

const run = (store: EventStore, by: number, options: { decideHook?: () => Promise<void> | void; maxRetries?: number } = {}) =>
  handleCommand<Counter, Incremented>({
    store,
    stream: 'counter-1',
    initialState: () => ({ value: 0 }),
    evolve: (s, e) => ({ value: s.value + (e.data as { by: number }).by }),
    decide: (s) => {
      void options.decideHook?.();
      return s.value >= 10 ? [] : [{ type: 'Incremented', by }];
    },
    toNewEvent: (e) => ({ type: e.type, data: { by: e.by } }),
    maxRetries: options.maxRetries,
  });

describe('handleCommand', () => {
  it('reads, decides, appends with the read revision and returns the new state', async () => {
    const store = new InMemoryEventStore();
    const first = await run(store, 3);
    expect(first.state.value).toBe(3);
    expect(first.nextExpectedRevision).toBe(0n);
    const second = await run(store, 4);
    expect(second.state.value).toBe(7);
    expect((await store.readStream('counter-1')).revision).toBe(1n);
  });

  it('appends nothing when the decision is no events', async () => {
    const store = new InMemoryEventStore();
    await run(store, 10);
    const result = await run(store, 1);
    expect(result.events).toEqual([]);
    expect((await store.readStream('counter-1')).events).toHaveLength(1);
  });

  it('retries from a fresh read when another writer got in between', async () => {
    const store = new InMemoryEventStore();
    let interfered = false;
    // Between this command's read and its append, another writer appends once.
    const racing: EventStore = {
      readStream: (s) => store.readStream(s),
      subscribeToAll: (o) => store.subscribeToAll(o),
      close: () => store.close(),
      append: async (stream, events, expected) => {
        if (!interfered) {
          interfered = true;
          await store.append(stream, [{ type: 'Incremented', data: { by: 5 } }], expected);
        }
        return store.append(stream, events, expected);
      },
    };
    const result = await run(racing, 2);
    expect(result.state.value).toBe(7);
    expect((await store.readStream('counter-1')).events.map((e) => (e.data as { by: number }).by)).toEqual([5, 2]);
  });

  it('gives up after a bounded number of conflicts', async () => {
    const store = new InMemoryEventStore();
    const alwaysConflicting: EventStore = {
      readStream: (s) => store.readStream(s),
      subscribeToAll: (o) => store.subscribeToAll(o),
      close: () => store.close(),
      append: async (stream, _events, expected) => {
        throw new WrongExpectedRevisionError(stream, expected, 99n);
      },
    };
    await expect(run(alwaysConflicting, 1, { maxRetries: 2 })).rejects.toBeInstanceOf(ConcurrencyRetriesExhaustedError);
  });

  it('does not retry other errors', async () => {
    const store = new InMemoryEventStore();
    let appends = 0;
    const failing: EventStore = {
      readStream: (s) => store.readStream(s),
      subscribeToAll: (o) => store.subscribeToAll(o),
      close: () => store.close(),
      append: async () => {
        appends++;
        throw new Error('disk full');
      },
    };
    await expect(run(failing, 1)).rejects.toThrow('disk full');
    expect(appends).toBe(1);
  });
});
