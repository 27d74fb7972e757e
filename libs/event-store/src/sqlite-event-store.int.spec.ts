import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WrongExpectedRevisionError, type AppendResult } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

// The group commit of the SQLite adapter, on a file (the contract suite covers the port's
// behaviour; this covers what batching could break: isolation of a conflict, order, durability).
describe('SqliteEventStore group commit', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-group-'));
    file = path.join(dir, 'events.sqlite');
    store = new SqliteEventStore({ path: file });
  });

  afterEach(async () => {
    await store.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const streams = Array.from({ length: 20 }, (_, i) => `agent-${i}`);

  it('commits concurrent appends to different streams in one transaction, a conflicting one failing alone', async () => {
    for (const stream of streams)
      await store.append(stream, [{ type: 'Created', data: {} }], 'no_stream');
    const before = store.commitStats();

    // All in one turn of the event loop, as concurrent commands arrive; agent-7's is stale.
    const settled = await Promise.allSettled(
      streams.map((stream, i) =>
        store.append(
          stream,
          [
            { type: 'LoggedIn', data: { i } },
            { type: 'Paused', data: { i } },
          ],
          stream === 'agent-7' ? 'no_stream' : 0n,
        ),
      ),
    );

    expect(store.commitStats()).toEqual({
      transactions: before.transactions + 1,
      appends: before.appends + streams.length,
    });
    const refused = settled[7] as PromiseRejectedResult;
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(refused.reason).toMatchObject({ stream: 'agent-7', expected: 'no_stream', actual: 0n });
    const results = settled
      .filter((_, i) => i !== 7)
      .map((s) => (s as PromiseFulfilledResult<AppendResult>).value);
    expect(results.map((r) => r.nextExpectedRevision)).toEqual(Array(19).fill(2n));
    // In the order the appends were made, two positions each, none shared.
    const positions = results.map((r) => r.position);
    positions.slice(1).forEach((p, i) => expect(p).toBe((positions[i] as bigint) + 2n));

    await store.close();
    const reopened = new SqliteEventStore({ path: file });
    try {
      for (const [i, stream] of streams.entries()) {
        const read = await reopened.readStream(stream);
        expect(read.events.map((e) => [e.type, e.revision, e.data])).toEqual(
          i === 7
            ? [['Created', 0n, {}]]
            : [
                ['Created', 0n, {}],
                ['LoggedIn', 1n, { i }],
                ['Paused', 2n, { i }],
              ],
        );
      }
      const all = await Promise.all(streams.map((s) => reopened.readStream(s)));
      const logged = all.flatMap((r) => r.events.filter((e) => e.type !== 'Created'));
      expect(logged.map((e) => e.position)).toEqual(
        [...logged.map((e) => e.position)].sort((a, b) => (a < b ? -1 : 1)),
      );
      expect(new Set(logged.map((e) => e.position)).size).toBe(38);
    } finally {
      await reopened.close();
    }
  });

  it('lets one of two appends to one stream in one batch win, the other seeing its revision', async () => {
    await store.append('phone-1', [{ type: 'Created', data: {} }], 'no_stream');
    const [first, second] = await Promise.allSettled([
      store.append('phone-1', [{ type: 'Claimed', data: { by: 'a' } }], 0n),
      store.append('phone-1', [{ type: 'Claimed', data: { by: 'b' } }], 0n),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1n } });
    expect(second).toMatchObject({ status: 'rejected', reason: { actual: 1n } });
    expect((await store.readStream('phone-1')).events.map((e) => e.data)).toEqual([
      {},
      { by: 'a' },
    ]);
  });

  it('fails an append whose data JSON cannot hold on its own, before its batch', async () => {
    const [bad, good] = await Promise.allSettled([
      store.append('agent-1', [{ type: 'A', data: { n: 1n } }], 'no_stream'),
      store.append('agent-2', [{ type: 'A', data: {} }], 'no_stream'),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: expect.any(TypeError) });
    expect(good).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0n } });
    expect((await store.readStream('agent-1')).revision).toBe('no_stream');
  });

  it('commits the appends still waiting for their batch when closed, and none is lost', async () => {
    const pending = streams.map((stream) =>
      store.append(stream, [{ type: 'A', data: {} }], 'no_stream'),
    );
    await store.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(streams.length);
    const reopened = new SqliteEventStore({ path: file });
    try {
      for (const stream of streams) expect((await reopened.readStream(stream)).revision).toBe(0n);
    } finally {
      await reopened.close();
    }
  });

  const synchronousOf = (s: SqliteEventStore) =>
    (s as unknown as { db: { pragma(p: string, o: { simple: true }): unknown } }).db.pragma(
      'synchronous',
      { simple: true },
    );

  it('says its durability explicitly: NORMAL by default, FULL (a sync per commit) when asked', async () => {
    // Left unset, the pragma reads back 2 (FULL) while the driver's build (WAL default 1) runs
    // NORMAL: only an explicit setting makes the answer true.
    expect(synchronousOf(store)).toBe(1);
    const full = new SqliteEventStore({ path: path.join(dir, 'full.sqlite'), synchronous: 'full' });
    try {
      expect(synchronousOf(full)).toBe(2);
      const appended = await Promise.all(
        streams.map((s) => full.append(s, [{ type: 'A', data: {} }], 'no_stream')),
      );
      expect(appended.map((r) => r.nextExpectedRevision)).toEqual(streams.map(() => 0n));
      expect(full.commitStats()).toEqual({ transactions: 1, appends: streams.length });
    } finally {
      await full.close();
    }
  });
});
