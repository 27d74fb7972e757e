import { shiftEndCrossed } from './shift-end';

const at = (iso: string) => new Date(iso);

describe('shiftEndCrossed', () => {
  it('is true on the tick that crosses the shift end, and only then', () => {
    expect(shiftEndCrossed('18:00', at('2026-11-23T17:59:30Z'), at('2026-11-23T18:00:00Z'))).toBe(true);
    expect(shiftEndCrossed('18:00', at('2026-11-23T18:00:00Z'), at('2026-11-23T18:00:30Z'))).toBe(false);
    expect(shiftEndCrossed('18:00', at('2026-11-23T17:00:00Z'), at('2026-11-23T17:59:59Z'))).toBe(false);
  });

  it('sees a shift end of yesterday crossed while the service slept, and midnight shifts', () => {
    expect(shiftEndCrossed('18:00', at('2026-11-22T17:00:00Z'), at('2026-11-23T09:00:00Z'))).toBe(true);
    expect(shiftEndCrossed('00:00', at('2026-11-22T23:59:50Z'), at('2026-11-23T00:00:10Z'))).toBe(true);
  });
});
