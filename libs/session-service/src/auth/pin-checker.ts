import { Inject, Injectable } from '@nestjs/common';
import {
  decidePinAttempt,
  evolvePin,
  initialPinState,
  lockedUntil,
  pinPolicyOf,
  type AgentEntry,
  type Directory,
  type PinState,
  type PinVerdict,
} from '@switchboard/agent-domain';
import { streamNames, type PinEvent, type RequestChannel } from '@switchboard/contracts';
import type { EventStore } from '@switchboard/event-store';
import { EVENT_STORE, verifySecret } from '@switchboard/platform';
import { DIRECTORY } from '../tokens';
import { foldStream, runDecider } from '../phones/run-decider';
import { UNMATCHABLE } from './credential-check';

const PIN = { initial: initialPinState, evolve: evolvePin };

export interface PinCheck {
  /** The secret as typed or dialled: compared with the stored hashes, never logged or stored. */
  readonly secret: string;
  readonly via: RequestChannel;
  /** Unique per attempt; a redelivered attempt (same id) is not counted twice. */
  readonly commandId: string;
  readonly at: string;
  /** The desktop login also takes the agent's password; phones and the IVR only the PIN. */
  readonly acceptPassword: boolean;
}

/**
 * Checks an agent's PIN with the lockout of the directory's pinPolicy. Wrong PINs are counted on
 * the agent's pin-<id> stream, so every replica sees the same count; a locked-out agent is refused
 * before any hash is computed.
 */
@Injectable()
export class PinChecker {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async check(agent: AgentEntry, attempt: PinCheck): Promise<PinVerdict> {
    const stream = streamNames.pin(agent.id);
    const { state, events } = await foldStream<PinState, PinEvent>(this.store, stream, PIN);
    const until = lockedUntil(state, attempt.at);
    if (until) return { verdict: 'locked-out', until };
    const again = verdictRecordedFor(events, attempt.commandId, pinPolicyOf(this.directory).maxAttempts);
    if (again) return again;
    const hashes = [agent.pinHash, ...(attempt.acceptPassword ? [agent.passwordHash] : [])].filter((h): h is string => h !== undefined);
    let matched = false;
    for (const hash of hashes) if (await verifySecret(attempt.secret, hash)) matched = true;
    // An agent without any secret costs one hash all the same: the time must not tell.
    if (hashes.length === 0) await verifySecret(attempt.secret, UNMATCHABLE);
    const run = await runDecider(this.store, stream, PIN, (s) =>
      decidePinAttempt(
        { type: 'RecordPinAttempt', commandId: attempt.commandId, at: attempt.at, agentId: agent.id, via: attempt.via, matched, policy: pinPolicyOf(this.directory) },
        s,
      ),
    );
    return run.decision.verdict;
  }
}

/** The verdict an attempt already recorded had (a redelivered feature-code event). */
function verdictRecordedFor(
  events: readonly { type: string; data: unknown; metadata: Readonly<Record<string, unknown>> }[],
  commandId: string,
  maxAttempts: number,
): PinVerdict | undefined {
  const own = events.filter((e) => e.metadata['causationId'] === commandId);
  if (own.length === 0) return undefined;
  const lock = own.find((e) => e.type === 'AgentLockedOut');
  if (lock) return { verdict: 'locked-out', until: (lock.data as { until: string }).until };
  const rejected = own.find((e) => e.type === 'PinRejected');
  if (rejected) return { verdict: 'rejected', attemptsLeft: Math.max(0, maxAttempts - (rejected.data as { failures: number }).failures) };
  return { verdict: 'accepted' };
}
