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
import { StreamStateCache, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { EVENT_STORE, verifySecret } from '@switchboard/platform';
import { DIRECTORY } from '../tokens';
import { messageOf, readState, runDecider, type StreamFold } from '../phones/run-decider';
import { UNMATCHABLE } from './credential-check';

/** The latest recorded attempts, by the command that made them: a redelivery comes soon after. */
const REMEMBERED_EVENTS = 20;

/** An agent's pin-<id> stream: the lockout state and the latest attempts' events. */
interface PinStream {
  readonly pin: PinState;
  readonly recent: readonly Pick<RecordedEvent, 'type' | 'data' | 'metadata'>[];
}

/** Pure (a new state per event): safe to keep in the cache and to hand out. */
function evolvePinStream(state: PinStream, recorded: RecordedEvent): PinStream {
  const recent = [...state.recent, { type: recorded.type, data: recorded.data, metadata: recorded.metadata }];
  return { pin: evolvePin(state.pin, messageOf<PinEvent>(recorded)), recent: recent.slice(-REMEMBERED_EVENTS) };
}

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
  /** Folded pin streams kept between attempts (the agents who tried lately). */
  private readonly pins: StreamFold<PinStream> = {
    initial: () => ({ pin: initialPinState(), recent: [] }),
    evolve: evolvePinStream,
    cache: new StreamStateCache<PinStream>({ capacity: 20_000 }),
  };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async check(agent: AgentEntry, attempt: PinCheck): Promise<PinVerdict> {
    const stream = streamNames.pin(agent.id);
    const { pin: state, recent } = await readState(this.store, stream, this.pins);
    const until = lockedUntil(state, attempt.at);
    if (until) return { verdict: 'locked-out', until };
    const again = verdictRecordedFor(recent, attempt.commandId, pinPolicyOf(this.directory).maxAttempts);
    if (again) return again;
    const hashes = [agent.pinHash, ...(attempt.acceptPassword ? [agent.passwordHash] : [])].filter((h): h is string => h !== undefined);
    let matched = false;
    for (const hash of hashes) if (await verifySecret(attempt.secret, hash)) matched = true;
    // An agent without any secret costs one hash all the same: the time must not tell.
    if (hashes.length === 0) await verifySecret(attempt.secret, UNMATCHABLE);
    const run = await runDecider(this.store, stream, this.pins, (s) =>
      decidePinAttempt(
        { type: 'RecordPinAttempt', commandId: attempt.commandId, at: attempt.at, agentId: agent.id, via: attempt.via, matched, policy: pinPolicyOf(this.directory) },
        s.pin,
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
