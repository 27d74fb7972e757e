import { StreamStateCache } from './stream-state-cache';

describe('StreamStateCache', () => {
  it('evicts the least recently used stream beyond its bound, a read counting as use', () => {
    const cache = new StreamStateCache<string>({ capacity: 2 });
    cache.set('a', 'A', 0n);
    cache.set('b', 'B', 0n);
    cache.get('a');
    cache.set('c', 'C', 0n);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ state: 'A', revision: 0n });
    expect(cache.get('c')).toEqual({ state: 'C', revision: 0n });
  });

  it('weighs states that vary in size, evicting until the total fits, and keeps none heavier than all', () => {
    const cache = new StreamStateCache<string>({ capacity: 10, weigh: (s) => s.length });
    cache.set('a', 'aaaa', 0n);
    cache.set('b', 'bbbb', 0n);
    expect(cache.weight).toBe(8);
    // Grown in place and set again: weighed again.
    cache.set('a', 'aaaaaa', 1n);
    expect([cache.size, cache.weight]).toEqual([2, 10]);
    cache.set('c', 'cc', 0n);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.size, cache.weight]).toEqual([2, 8]);
    cache.set('d', 'd'.repeat(11), 0n);
    expect(cache.get('d')).toBeUndefined();
    expect(cache.weight).toBe(8);
    cache.delete('a');
    expect([cache.size, cache.weight]).toEqual([1, 2]);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new StreamStateCache({ capacity: 0 })).toThrow(RangeError);
    expect(() => new StreamStateCache({ capacity: 1.5 })).toThrow(RangeError);
  });

  it('runs the work on one stream one at a time, in order, past failures; other streams in parallel', async () => {
    const cache = new StreamStateCache<string>({ capacity: 2 });
    const events: string[] = [];
    const step =
      (name: string, fail = false) =>
      async () => {
        events.push(`${name} start`);
        await new Promise((r) => setTimeout(r, 5));
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      cache.exclusive('s', step('1', true)),
      cache.exclusive('s', step('2')),
      cache.exclusive('other', step('x')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(events.filter((e) => !e.startsWith('x'))).toEqual([
      '1 start',
      '1 end',
      '2 start',
      '2 end',
    ]);
    expect(events.indexOf('x start')).toBeLessThan(events.indexOf('1 end'));
  });
});
