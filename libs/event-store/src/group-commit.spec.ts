import { GroupCommit, type BatchOutcome } from './group-commit';

describe('GroupCommit', () => {
  const doubling = (batches: number[][]) =>
    new GroupCommit<number, number>((requests) => {
      batches.push([...requests]);
      return requests.map(
        (n): BatchOutcome<number> =>
          n < 0 ? { ok: false, error: new Error(`negative ${n}`) } : { ok: true, value: n * 2 },
      );
    });

  it('hands the requests of one turn of the event loop to one commit, each getting its own outcome', async () => {
    const batches: number[][] = [];
    const group = doubling(batches);
    const results = await Promise.allSettled([1, -2, 3].map((n) => group.submit(n)));
    expect(batches).toEqual([[1, -2, 3]]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('negative -2') },
      { status: 'fulfilled', value: 6 },
    ]);
  });

  it('takes what arrives while a batch is being settled into the next batch', async () => {
    const batches: number[][] = [];
    const group = doubling(batches);
    // Each first result asks again at once, as a command loop does.
    await Promise.all([1, 2].map((n) => group.submit(n).then((v) => group.submit(v))));
    expect(batches).toEqual([
      [1, 2],
      [2, 4],
    ]);
  });

  it('settles nothing before the commit returned, and fails the whole batch when it throws', async () => {
    let committed = false;
    const failing = new GroupCommit<number, number>(() => {
      throw new Error('disk full');
    });
    const ok = new GroupCommit<number, number>((requests) => {
      committed = true;
      return requests.map((value) => ({ ok: true, value }));
    });
    const seen = ok.submit(1).then(() => committed);
    await expect(Promise.all([failing.submit(1), failing.submit(2)])).rejects.toThrow('disk full');
    await expect(seen).resolves.toBe(true);
  });

  it('commits what is pending on flush, without waiting for the next turn', async () => {
    const batches: number[][] = [];
    const group = doubling(batches);
    const pending = group.submit(5);
    group.flush();
    expect(batches).toEqual([[5]]);
    await expect(pending).resolves.toBe(10);
  });
});
