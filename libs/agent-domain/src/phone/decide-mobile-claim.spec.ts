import { PHONE_EVENT_SCHEMA_VERSION } from '@switchboard/contracts';
import { deciderTest } from '../testing/given-decider';
import { decideMobileClaim, evolveMobileClaim, initialMobileClaimState, type MobileClaimCommand, type MobileClaimEvent } from './decide-mobile-claim';
import { mobileNumberOf } from '../directory/ring-target';

const given = deciderTest(initialMobileClaimState, evolveMobileClaim, decideMobileClaim);
const T0 = '2026-11-23T09:00:00.000Z';
const LATER = '2026-11-23T09:00:31.000Z';
const meta = (at: string) => ({ schemaVersion: PHONE_EVENT_SCHEMA_VERSION, occurredAt: at, causationId: 'c' });
const NUMBER = '+491701234567';
const claim = (agentId: string, at = T0, staleHolder?: string): MobileClaimCommand => ({
  type: 'ClaimMobileNumber',
  commandId: 'c',
  at,
  number: NUMBER,
  agentId,
  via: 'desktop',
  ...(staleHolder ? { staleHolder } : {}),
});
const claimed = (agentId: string, at = T0): MobileClaimEvent => ({ type: 'MobileNumberClaimed', data: { number: NUMBER, agentId, via: 'desktop', at }, metadata: meta(at) });
const released = (agentId: string, reason: 'logout' | 'stale', at = T0): MobileClaimEvent => ({
  type: 'MobileNumberReleased',
  data: { number: NUMBER, agentId, reason, at },
  metadata: meta(at),
});

describe('Mobile number claims: one agent rings on a number', () => {
  it('gives a free number to the agent, and records its holder claiming again', () => {
    given().when(claim('1001')).then([claimed('1001')]);
    given(claimed('1001')).when(claim('1001', LATER)).then([claimed('1001', LATER)]);
  });

  it('refuses a number another agent rings on (mobile_in_use)', () => {
    given(claimed('1001')).when(claim('1002')).thenThrows('mobile_in_use');
  });

  it('takes over only the claim of a holder named as no longer ringing there, and only once it is not a login under way', () => {
    given(claimed('1001')).when(claim('1002', T0, '1001')).thenThrows('mobile_in_use');
    given(claimed('1001')).when(claim('1002', LATER, '1003')).thenThrows('mobile_in_use');
    given(claimed('1001')).when(claim('1002', LATER, '1001')).then([released('1001', 'stale', LATER), claimed('1002', LATER)]);
  });

  it('frees the number at the holder’s logout, and nobody else’s', () => {
    const release = (agentId: string): MobileClaimCommand => ({ type: 'ReleaseMobileNumber', commandId: 'c', at: T0, number: NUMBER, agentId, reason: 'logout' });
    given(claimed('1001')).when(release('1001')).then([released('1001', 'logout')]);
    expect(given(claimed('1001')).when(release('1002')).then([]).outcome).toBe('not-held');
    given(claimed('1001'), released('1001', 'logout')).when(claim('1002')).then([claimed('1002')]);
  });

  it('reads the number back from the member a mobile login makes', () => {
    expect(mobileNumberOf(`Local/${NUMBER}@agent-mobile/n`)).toBe(NUMBER);
    expect(mobileNumberOf('Local/1001@agent-phones/n')).toBeUndefined();
  });
});
