import type { PhoneEntry } from '../directory/directory';
import { availablePhones, listPhone, STALE_AFTER_MS, type PhoneListing } from './phone-listing';
import type { PhoneState } from './phone-state';
import { registrationOfDeviceState, registrationOfPeerStatus } from './registration-report';

const NOW = '2026-11-23T09:00:00.000Z';
const LONG_AGO = new Date(Date.parse(NOW) - STALE_AFTER_MS).toISOString();
const JUST_NOW = new Date(Date.parse(NOW) - 1000).toISOString();
const phone: PhoneEntry = { id: 'desk-1', line: 'SIP/1010', name: 'Window' };
const up = { status: 'registered', observedAt: LONG_AGO } as const;
const ctx = (live: string[] = []) => ({ askingAgentId: '1004', hasLiveSession: (a: string) => live.includes(a), now: NOW });

describe('listing a phone for the asking agent', () => {
  it('shows a free phone with its registration', () => {
    expect(listPhone(phone, { status: 'free', registration: up }, ctx())).toEqual({
      id: 'desk-1',
      line: 'SIP/1010',
      name: 'Window',
      registered: true,
      availability: 'free',
      heldBy: null,
      since: null,
    });
    expect(listPhone(phone, { status: 'free', registration: { status: 'unknown' } }, ctx()).registered).toBeNull();
  });

  it('tells the agent’s own phone, another agent’s, and a stale claim apart', () => {
    const heldBy = (agentId: string, since = LONG_AGO): PhoneState => ({ status: 'claimed', agentId, since, registration: up });
    expect(listPhone(phone, heldBy('1004'), ctx()).availability).toBe('yours');
    expect(listPhone(phone, heldBy('1005'), ctx(['1005'])).availability).toBe('in-use');
    // The holder is logged in nowhere: its session ended without a logout.
    expect(listPhone(phone, heldBy('1005'), ctx()).availability).toBe('stale');
    // …unless it claimed a moment ago and is logging in now.
    expect(listPhone(phone, heldBy('1005', JUST_NOW), ctx()).availability).toBe('in-use');
  });
});

describe('the available phones', () => {
  const listing = (id: string, registered: boolean | null, availability: PhoneListing['availability']): PhoneListing => ({
    id,
    line: `SIP/${id}`,
    name: null,
    registered,
    availability,
    heldBy: availability === 'free' ? null : '1005',
    since: null,
  });

  it('offers registered free phones, the agent’s own, and shows stale ones; never another agent’s', () => {
    const all = [
      listing('a', true, 'free'),
      listing('b', false, 'free'),
      listing('c', null, 'free'),
      listing('d', true, 'in-use'),
      listing('e', true, 'stale'),
      listing('f', false, 'yours'),
    ];
    expect(availablePhones(all).map((l) => l.id)).toEqual(['a', 'e', 'f']);
  });

  it('offers every free phone when no phone is registered at all', () => {
    const all = [listing('a', false, 'free'), listing('b', null, 'free'), listing('c', false, 'in-use')];
    expect(availablePhones(all).map((l) => l.id)).toEqual(['a', 'b']);
  });
});

describe('registration in PBX events', () => {
  it.each([
    ['Registered', true],
    ['Reachable', true],
    ['Lagged', true],
    ['Unregistered', false],
    ['Unreachable', false],
    ['Rejected', false],
    ['Unmonitored', undefined],
  ])('PeerStatus %s → %s', (status, registered) => {
    expect(registrationOfPeerStatus(status)).toBe(registered);
  });

  it.each([
    ['NOT_INUSE', true],
    ['INUSE', true],
    ['RINGING', true],
    ['UNAVAILABLE', false],
    ['UNKNOWN', undefined],
    ['INVALID', undefined],
  ])('DeviceStateChange %s → %s', (state, registered) => {
    expect(registrationOfDeviceState(state)).toBe(registered);
  });
});
