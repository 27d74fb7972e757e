import type { PhoneListing } from './phone-listing';
import { mayTakeOverStale } from './stale-policy';

const NOW = '2026-11-23T09:00:00.000Z';
const minutesAgo = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();
const listing = (availability: PhoneListing['availability'], since: string): PhoneListing => ({
  id: 'desk-1',
  line: 'SIP/1010',
  name: null,
  registered: true,
  availability,
  heldBy: '1005',
  since,
});

describe('stale-phone policy', () => {
  const policy = { releaseStaleAfterMinutes: 30 };

  it('lets a login take over a stale claim once it is old enough', () => {
    expect(mayTakeOverStale(listing('stale', minutesAgo(30)), policy, NOW)).toBe(true);
    expect(mayTakeOverStale(listing('stale', minutesAgo(29)), policy, NOW)).toBe(false);
  });

  it('never without a policy, and never a phone in use', () => {
    expect(mayTakeOverStale(listing('stale', minutesAgo(600)), undefined, NOW)).toBe(false);
    expect(mayTakeOverStale(listing('in-use', minutesAgo(600)), policy, NOW)).toBe(false);
  });
});
