import { RateMeter } from './rate-meter';

describe('RateMeter', () => {
  let now: number;
  let meter: RateMeter;

  beforeEach(() => {
    now = 1_000_000;
    meter = new RateMeter(() => now);
  });

  it('reports what was marked during the last completed second', () => {
    for (let i = 0; i < 10; i++) {
      meter.mark(50);
      now += 100;
    }
    expect(meter.perSecond()).toBe(500);
  });

  it('leaves out the bucket still being filled', () => {
    meter.mark(7);
    expect(meter.perSecond()).toBe(0);
    now += 100;
    expect(meter.perSecond()).toBe(7);
  });

  it('forgets counts older than a second', () => {
    meter.mark(100);
    now += 1_000;
    expect(meter.perSecond()).toBe(100);
    now += 100;
    expect(meter.perSecond()).toBe(0);
  });

  it('drops to zero after a long silence', () => {
    meter.mark(30);
    now += 60_000;
    meter.mark(1);
    expect(meter.perSecond()).toBe(0);
    now += 100;
    expect(meter.perSecond()).toBe(1);
  });
});
