import { PHONE_EVENT_SCHEMA_VERSION, type PhoneEvent } from '@switchboard/contracts';
import { deciderTest } from '../testing/given-decider';
import type { PhoneCommand } from './phone-commands';
import { decidePhone } from './decide-phone';
import { evolvePhone, holderOf, initialPhoneState } from './phone-state';

const given = deciderTest(initialPhoneState, evolvePhone, decidePhone);
const PHONE = 'desk-1';
const EARLIER = '2026-11-23T08:00:00.000Z';
const AT = '2026-11-23T09:00:00.000Z';
const meta = (commandId: string, at = AT) => ({ schemaVersion: PHONE_EVENT_SCHEMA_VERSION, occurredAt: at, causationId: commandId });

const claim = (agentId: string, takeOver?: { from: string; reason: 'displaced' | 'stale' }): PhoneCommand => ({
  type: 'ClaimPhone',
  commandId: `claim-${agentId}`,
  at: AT,
  phoneId: PHONE,
  agentId,
  via: 'desktop',
  ...(takeOver ? { takeOver } : {}),
});
const release = (agentId: string): PhoneCommand => ({
  type: 'ReleasePhone',
  commandId: `release-${agentId}`,
  at: AT,
  phoneId: PHONE,
  agentId,
  via: 'desktop',
  reason: 'logout',
});
const report = (registered: boolean, observedAt = AT): PhoneCommand => ({
  type: 'RecordRegistration',
  commandId: `reg-${observedAt}`,
  at: AT,
  phoneId: PHONE,
  line: 'SIP/1010',
  registered,
  source: 'PeerStatus',
  observedAt,
});

const wasClaimed = (agentId: string): PhoneEvent => ({
  type: 'PhoneClaimed',
  data: { phoneId: PHONE, agentId, via: 'desktop', at: EARLIER },
  metadata: meta('past', EARLIER),
});
const wasReleased = (agentId: string): PhoneEvent => ({
  type: 'PhoneReleased',
  data: { phoneId: PHONE, agentId, reason: 'logout', via: 'desktop', at: EARLIER },
  metadata: meta('past', EARLIER),
});
const wasRegistered = (observedAt = EARLIER): PhoneEvent => ({
  type: 'PhoneRegistered',
  data: { phoneId: PHONE, line: 'SIP/1010', source: 'PeerStatus', observedAt },
  metadata: meta('past', EARLIER),
});
const claimed = (agentId: string, commandId = `claim-${agentId}`): PhoneEvent => ({
  type: 'PhoneClaimed',
  data: { phoneId: PHONE, agentId, via: 'desktop', at: AT },
  metadata: meta(commandId),
});

describe('Phone decider: claims', () => {
  it('gives a free phone to the agent that claims it', () => {
    given().when(claim('1001')).then([claimed('1001')]);
    given(wasClaimed('1002'), wasReleased('1002')).when(claim('1001')).then([claimed('1001')]);
  });

  it('is idempotent for the holder', () => {
    expect(given(wasClaimed('1001')).when(claim('1001')).then([]).outcome).toBe('already-held');
  });

  it('refuses a phone another agent holds', () => {
    given(wasClaimed('1002')).when(claim('1001')).thenThrows('phone_in_use');
  });

  it('takes the phone over from exactly the named holder (force-login, stale policy)', () => {
    given(wasClaimed('1002'))
      .when(claim('1001', { from: '1002', reason: 'displaced' }))
      .then([
        {
          type: 'PhoneReleased',
          data: { phoneId: PHONE, agentId: '1002', reason: 'displaced', via: 'desktop', at: AT },
          metadata: meta('claim-1001'),
        },
        claimed('1001'),
      ]);
    // The holder changed since the caller looked: no take-over of someone else.
    given(wasClaimed('1003')).when(claim('1001', { from: '1002', reason: 'stale' })).thenThrows('phone_in_use');
  });

  it('refuses a command without a time', () => {
    given().when({ ...claim('1001'), at: 'soon' }).thenThrows('invalid_input');
  });
});

describe('Phone decider: releases', () => {
  it('frees the phone of its holder', () => {
    given(wasClaimed('1001'))
      .when(release('1001'))
      .then([
        {
          type: 'PhoneReleased',
          data: { phoneId: PHONE, agentId: '1001', reason: 'logout', via: 'desktop', at: AT },
          metadata: meta('release-1001'),
        },
      ]);
  });

  it('never frees a phone someone else holds now, nor a free one', () => {
    expect(given(wasClaimed('1002')).when(release('1001')).then([]).outcome).toBe('not-held');
    expect(given().when(release('1001')).then([]).outcome).toBe('not-held');
  });

  it('ignores, when folding, a release of an earlier holder', () => {
    const { state } = given(wasClaimed('1001'), wasReleased('1002'));
    expect(holderOf(state)).toBe('1001');
  });
});

describe('Phone decider: registration', () => {
  it('records a change of registration, and nothing when it is the same', () => {
    given()
      .when(report(true))
      .then([
        {
          type: 'PhoneRegistered',
          data: { phoneId: PHONE, line: 'SIP/1010', source: 'PeerStatus', observedAt: AT },
          metadata: meta(`reg-${AT}`),
        },
      ]);
    given(wasRegistered()).when(report(true)).then([]);
    expect(given(wasRegistered()).when(report(false)).then([
      {
        type: 'PhoneUnregistered',
        data: { phoneId: PHONE, line: 'SIP/1010', source: 'PeerStatus', observedAt: AT },
        metadata: meta(`reg-${AT}`),
      },
    ]).outcome).toBe('recorded');
  });

  it('ignores a report older than the one recorded', () => {
    given(wasRegistered(AT)).when(report(false, EARLIER)).then([]);
  });

  it('keeps the holder across registration changes', () => {
    const { state } = given(wasClaimed('1001'), wasRegistered());
    expect(state).toEqual({ status: 'claimed', agentId: '1001', since: EARLIER, registration: { status: 'registered', observedAt: EARLIER } });
  });
});
