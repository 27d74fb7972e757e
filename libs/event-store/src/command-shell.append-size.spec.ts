import { handleCommand } from './command-shell';
import { AppendTooLargeError, appendSizeOf, type EventStore, type NewEvent } from './event-store.port';
import { InMemoryEventStore } from './in-memory-event-store';

/** A stream of pieces where only a closing event counts: a prefix of a command's events is nothing. */
interface Pieces {
  readonly open: string[];
  readonly closed: string[][];
}
type Piece = { type: 'Piece'; text: string } | { type: 'Closed' };

const BOUND = 1_000;
const text = (n: number) => `${n}`.padEnd(300, '.');

const assemble = (store: EventStore, count: number) =>
  handleCommand<Pieces, Piece>({
    store,
    stream: 'pieces-1',
    initialState: () => ({ open: [], closed: [] }),
    evolve: (s, e) => (e.type === 'Closed' ? { open: [], closed: [...s.closed, s.open] } : { open: [...s.open, (e.data as { text: string }).text], closed: s.closed }),
    decide: () => [...Array.from({ length: count }, (_, i): Piece => ({ type: 'Piece', text: text(i) })), { type: 'Closed' }],
    toNewEvent: (e): NewEvent => ({ type: e.type, data: e.type === 'Piece' ? { text: e.text } : {} }),
    maxAppendBytes: BOUND,
  });

describe('handleCommand with maxAppendBytes', () => {
  it('puts events that carry more than the bound together into several appends, each within it, in order', async () => {
    const inner = new InMemoryEventStore({ maxAppendBytes: BOUND });
    const appends: NewEvent[][] = [];
    const store: EventStore = {
      append: (stream, events, expected) => {
        appends.push([...events]);
        return inner.append(stream, events, expected);
      },
      readStream: (s, o) => inner.readStream(s, o),
      subscribeToAll: (o) => inner.subscribeToAll(o),
      close: () => inner.close(),
    };
    const result = await assemble(store, 10);
    expect(appends.length).toBeGreaterThan(2);
    for (const events of appends) expect(appendSizeOf(events)).toBeLessThanOrEqual(BOUND);
    expect(result.state.closed).toEqual([Array.from({ length: 10 }, (_, i) => text(i))]);
    expect(result.nextExpectedRevision).toBe(10n);
    // Without the bound the same command is one append, which the store refuses.
    await expect(
      handleCommand<Pieces, Piece>({
        store: inner,
        stream: 'pieces-2',
        initialState: () => ({ open: [], closed: [] }),
        evolve: (s) => s,
        decide: () => Array.from({ length: 10 }, (_, i): Piece => ({ type: 'Piece', text: text(i) })),
        toNewEvent: (e): NewEvent => ({ type: e.type, data: e }),
      }),
    ).rejects.toBeInstanceOf(AppendTooLargeError);
  });

  it('retries the whole command when another writer gets in between two of its appends', async () => {
    const inner = new InMemoryEventStore();
    let interfered = false;
    const store: EventStore = {
      append: async (stream, events, expected) => {
        const result = await inner.append(stream, events, expected);
        // After this command's first append, another writer closes what is open: the command's
        // next append conflicts, and it starts again from a fresh read.
        if (!interfered && stream === 'pieces-1') {
          interfered = true;
          await inner.append(stream, [{ type: 'Closed', data: {} }], result.nextExpectedRevision);
        }
        return result;
      },
      readStream: (s, o) => inner.readStream(s, o),
      subscribeToAll: (o) => inner.subscribeToAll(o),
      close: () => inner.close(),
    };
    const result = await assemble(store, 10);
    const whole = Array.from({ length: 10 }, (_, i) => text(i));
    // The interrupted prefix was closed by the other writer; the command's own pieces are whole.
    expect(result.state.closed).toHaveLength(2);
    expect(result.state.closed[1]).toEqual(whole);
    expect(result.state.closed[0].length).toBeLessThan(10);
  });
});
