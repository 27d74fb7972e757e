import type { PinEvent, RequestChannel } from '@switchboard/contracts';
import type { PinPolicy } from '../directory/directory';
import { PhoneDomainError } from '../phone/phone-domain-error';
import { requireStamp, stampOf, type CommandStamp } from '../phone/phone-metadata';
import { countedFailures, lockedUntil, type PinState } from './pin-state';

/**
 * A PIN was checked against the agent's stored hash; `matched` is the result (the hash check is
 * the service's I/O, never the decider's). The PIN itself is not on the command.
 */
export interface RecordPinAttempt extends CommandStamp {
  readonly type: 'RecordPinAttempt';
  readonly agentId: string;
  readonly via: RequestChannel;
  readonly matched: boolean;
  readonly policy: PinPolicy;
}

export type PinVerdict =
  | { readonly verdict: 'accepted' }
  | { readonly verdict: 'rejected'; readonly attemptsLeft: number }
  | { readonly verdict: 'locked-out'; readonly until: string };

export interface PinDecision {
  readonly events: readonly PinEvent[];
  readonly verdict: PinVerdict;
}

/**
 * Counts wrong PINs and locks the agent out after policy.maxAttempts of them in a row, for
 * policy.lockoutSeconds from the last one (IP Office: 4 and 90 s). While locked out every PIN is
 * refused, the right one too, and nothing is recorded (a lockout is not lengthened by trying).
 * A right PIN resets the count. Decided against pin-<agentId> with its revision, so wrong PINs
 * tried on several replicas at once all count.
 */
export function decidePinAttempt(command: RecordPinAttempt, state: PinState): PinDecision {
  requireStamp(command);
  const { maxAttempts, lockoutSeconds } = command.policy;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1 || !Number.isSafeInteger(lockoutSeconds) || lockoutSeconds < 1)
    throw new PhoneDomainError('invalid_input', 'the PIN policy needs at least 1 attempt and 1 second');
  const until = lockedUntil(state, command.at);
  if (until) return { events: [], verdict: { verdict: 'locked-out', until } };
  const meta = stampOf(command);
  const failures = countedFailures(state);
  if (command.matched) {
    // Nothing to reset: a right PIN after right PINs leaves no trace.
    const events: PinEvent[] =
      failures > 0 ? [{ type: 'PinAccepted', data: { agentId: command.agentId, via: command.via, at: command.at }, metadata: meta }] : [];
    return { events, verdict: { verdict: 'accepted' } };
  }
  const count = failures + 1;
  const rejected: PinEvent = {
    type: 'PinRejected',
    data: { agentId: command.agentId, failures: count, via: command.via, at: command.at },
    metadata: meta,
  };
  if (count < maxAttempts) return { events: [rejected], verdict: { verdict: 'rejected', attemptsLeft: maxAttempts - count } };
  const lockEnd = new Date(Date.parse(command.at) + lockoutSeconds * 1000).toISOString();
  return {
    events: [
      rejected,
      { type: 'AgentLockedOut', data: { agentId: command.agentId, failures: count, until: lockEnd, at: command.at }, metadata: meta },
    ],
    verdict: { verdict: 'locked-out', until: lockEnd },
  };
}
