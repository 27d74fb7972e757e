import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially from the minimum and is capped at the maximum', () => {
    const top = () => 1; // the highest jitter draw
    expect(backoffDelay(0, 500, 30_000, top)).toBe(500);
    expect(backoffDelay(1, 500, 30_000, top)).toBe(1000);
    expect(backoffDelay(3, 500, 30_000, top)).toBe(4000);
    expect(backoffDelay(10, 500, 30_000, top)).toBe(30_000);
    expect(backoffDelay(1000, 500, 30_000, top)).toBe(30_000);
  });

  it('spreads retries with jitter but never goes below the minimum', () => {
    expect(backoffDelay(5, 500, 30_000, () => 0)).toBe(500);
    const draws = new Set(Array.from({ length: 50 }, () => backoffDelay(5, 500, 30_000)));
    expect(draws.size).toBeGreaterThan(10);
    for (const d of draws) expect(d).toBeGreaterThanOrEqual(500);
  });
});
