import { PHONE_EVENT_SCHEMA_VERSION, type PinEvent } from '@switchboard/contracts';
import { deciderTest } from '../testing/given-decider';
import { decidePinAttempt, type RecordPinAttempt } from './decide-pin-attempt';
import { evolvePin, initialPinState, lockedUntil } from './pin-state';

const given = deciderTest(initialPinState, evolvePin, decidePinAttempt);
const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const meta = (s: number) => ({ schemaVersion: PHONE_EVENT_SCHEMA_VERSION, occurredAt: at(s), causationId: `try-${s}` });
const policy = { maxAttempts: 4, lockoutSeconds: 90 };
const attempt = (seconds: number, matched: boolean): RecordPinAttempt => ({
  type: 'RecordPinAttempt',
  commandId: `try-${seconds}`,
  at: at(seconds),
  agentId: '1001',
  via: 'feature-code',
  matched,
  policy,
});
const rejected = (s: number, failures: number): PinEvent => ({
  type: 'PinRejected',
  data: { agentId: '1001', failures, via: 'feature-code', at: at(s) },
  metadata: meta(s),
});
const lockedOut = (s: number, failures = 4, lockout = 90): PinEvent => ({
  type: 'AgentLockedOut',
  data: { agentId: '1001', failures, until: at(s + lockout), at: at(s) },
  metadata: meta(s),
});

describe('PIN decider: wrong PINs lock the agent out (IP Office: 4 tries, 90 s)', () => {
  it('accepts a right PIN and records nothing when there is nothing to reset', () => {
    expect(given().when(attempt(0, true)).then([]).verdict).toEqual({ verdict: 'accepted' });
  });

  it('counts a wrong PIN and says how many tries are left', () => {
    expect(given().when(attempt(0, false)).then([rejected(0, 1)]).verdict).toEqual({ verdict: 'rejected', attemptsLeft: 3 });
    given(rejected(0, 1), rejected(1, 2)).when(attempt(2, false)).then([rejected(2, 3)]);
  });

  it('locks out on the 4th wrong PIN in a row, for 90 s from it', () => {
    const decision = given(rejected(0, 1), rejected(1, 2), rejected(2, 3))
      .when(attempt(3, false))
      .then([rejected(3, 4), lockedOut(3)]);
    expect(decision.verdict).toEqual({ verdict: 'locked-out', until: at(93) });
  });

  it('refuses even the right PIN during the lockout, without recording it', () => {
    const history = [rejected(0, 1), rejected(1, 2), rejected(2, 3), rejected(3, 4), lockedOut(3)];
    expect(given(...history).when(attempt(50, true)).then([]).verdict).toEqual({ verdict: 'locked-out', until: at(93) });
    given(...history).when(attempt(92, false)).then([]);
  });

  it('lets the agent in once the lockout ran out, counting afresh', () => {
    const history = [rejected(0, 1), rejected(1, 2), rejected(2, 3), rejected(3, 4), lockedOut(3)];
    expect(given(...history).when(attempt(93, true)).then([]).verdict).toEqual({ verdict: 'accepted' });
    given(...history).when(attempt(93, false)).then([rejected(93, 1)]);
  });

  it('resets the count with a right PIN', () => {
    given(rejected(0, 1), rejected(1, 2))
      .when(attempt(2, true))
      .then([{ type: 'PinAccepted', data: { agentId: '1001', via: 'feature-code', at: at(2) }, metadata: meta(2) }]);
    const { state } = given(rejected(0, 1), rejected(1, 2), { type: 'PinAccepted', data: { agentId: '1001', via: 'feature-code', at: at(2) }, metadata: meta(2) });
    expect(state).toEqual({ status: 'open', failures: 0 });
  });

  it('follows the configured policy', () => {
    given()
      .when({ ...attempt(0, false), policy: { maxAttempts: 1, lockoutSeconds: 600 } })
      .then([rejected(0, 1), lockedOut(0, 1, 600)]);
  });

  it('tells the service a lockout is running, so it can refuse before hashing', () => {
    const { state } = given(rejected(3, 4), lockedOut(3));
    expect(lockedUntil(state, at(10))).toBe(at(93));
    expect(lockedUntil(state, at(93))).toBeUndefined();
  });

  it.each([
    ['no attempts', { maxAttempts: 0, lockoutSeconds: 90 }],
    ['no lockout', { maxAttempts: 4, lockoutSeconds: 0 }],
  ])('refuses a policy with %s', (_what, badPolicy) => {
    given().when({ ...attempt(0, false), policy: badPolicy }).thenThrows('invalid_input');
  });
});
