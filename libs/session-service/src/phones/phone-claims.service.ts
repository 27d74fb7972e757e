import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  decidePhone,
  decideSeat,
  evolvePhone,
  evolveSeat,
  holderOf,
  initialPhoneState,
  initialSeatState,
  type PhoneCommand,
  type PhoneOutcome,
  type PhoneState,
  type SeatState,
  STALE_AFTER_MS,
  phoneById,
} from '@switchboard/agent-domain';
import { streamNames, type PhoneEvent, type PhoneReleaseReason, type RequestChannel, type SeatEvent } from '@switchboard/contracts';
import { StreamStateCache, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { EVENT_STORE } from '@switchboard/platform';
import { evolveEntryGuard, guardInForce, isEntryGuardEvent, type EntryGuard, type EntryGuardEvent } from '../directory/entry-guard';
import { LiveDirectory } from '../directory/live-directory';
import { LoginRefused } from './login-refused';
import { foldOf, messageOf, readState, runDecider, type StreamFold } from './run-decider';

/** A phone's stream: the phone, and a directory change under way that removes it (entry-guard.ts). */
interface PhoneStream {
  readonly phone: PhoneState;
  readonly guard?: EntryGuard;
}

function evolvePhoneStream(state: PhoneStream, recorded: RecordedEvent): PhoneStream {
  if (isEntryGuardEvent(recorded)) return { ...state, guard: evolveEntryGuard(state.guard, recorded) };
  return { ...state, phone: evolvePhone(state.phone, messageOf<PhoneEvent>(recorded)) };
}

/** Folded phones and seats kept between commands: a site has at most a few thousand of each. */
const CACHED_STREAMS = 20_000;

export interface ClaimRequest {
  readonly agentId: string;
  readonly phoneId: string;
  readonly via: RequestChannel;
  /** Unique per claim; each stream's command id is derived from it. */
  readonly commandId: string;
  readonly at: string;
  readonly takeOver?: Extract<PhoneCommand, { type: 'ClaimPhone' }>['takeOver'];
  /** The agent may leave the phone it holds now for this one (it moves). */
  readonly mayMove: boolean;
}

export interface ClaimResult {
  readonly outcome: PhoneOutcome;
  /** The phone the agent left for this one, if it moved. */
  readonly left?: string;
  /** The agent this claim took the phone from, if any. */
  readonly displaced?: string;
}

/**
 * Hot-desk claims over two kinds of stream, each appended with the revision read: phone-<id>
 * (a phone has one holder) and seat-<agentId> (an agent holds one phone). A claim takes the seat
 * first, then the phone; if the phone is refused the seat is given back. A seat that names a phone
 * which does not name the agent back (a claim that stopped half-way) is repaired on the next claim.
 */
@Injectable()
export class PhoneClaims {
  /** Both folds are pure (a new state per event), so their states are safe to keep and hand out. */
  private readonly phones: StreamFold<PhoneStream> = {
    initial: () => ({ phone: initialPhoneState() }),
    evolve: evolvePhoneStream,
    cache: new StreamStateCache<PhoneStream>({ capacity: CACHED_STREAMS }),
  };
  private readonly seats = foldOf<SeatState, SeatEvent>({ initial: initialSeatState, evolve: evolveSeat }, new StreamStateCache<SeatState>({ capacity: CACHED_STREAMS }));

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Optional so the claims can run alone (tests): without it no claim is checked against a
    // directory change under way.
    @Optional() private readonly live?: LiveDirectory,
  ) {}

  async phone(phoneId: string): Promise<PhoneState> {
    return (await readState(this.store, streamNames.phone(phoneId), this.phones)).phone;
  }

  async seat(agentId: string): Promise<SeatState> {
    return readState(this.store, streamNames.seat(agentId), this.seats);
  }

  /**
   * Records a directory change that removes the phone on its stream, with the revision `check`
   * passed on (entry-guard.ts): a claim appended meanwhile makes it fail and the check run again.
   */
  async guard(phoneId: string, event: EntryGuardEvent, check: (phone: PhoneState) => void): Promise<void> {
    await runDecider(this.store, streamNames.phone(phoneId), this.phones, (state) => {
      check(state.phone);
      return { events: [{ ...event, metadata: { schemaVersion: 1 } }] };
    });
  }

  /** The phone the agent holds: its seat, confirmed by the phone's own stream. */
  async heldBy(agentId: string): Promise<string | undefined> {
    const seat = await this.seat(agentId);
    if (seat.status !== 'seated') return undefined;
    return holderOf(await this.phone(seat.phoneId)) === agentId ? seat.phoneId : undefined;
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const stamp = (step: string) => ({ commandId: `${request.commandId}:${step}`, at: request.at });
    const seat = await this.seat(request.agentId);
    let leaving: { phoneId: string; reason: PhoneReleaseReason } | undefined;
    if (seat.status === 'seated' && seat.phoneId !== request.phoneId) {
      const confirmed = holderOf(await this.phone(seat.phoneId)) === request.agentId;
      // A seat its phone does not confirm is a claim that stopped half-way: no phone to leave.
      // A young one may be a claim still under way (a concurrent request of the same agent),
      // so it is left alone: repairing it would let the agent hold two phones.
      const abandoned = Date.parse(request.at) - Date.parse(seat.since) >= STALE_AFTER_MS;
      if (!confirmed && abandoned) leaving = { phoneId: seat.phoneId, reason: 'unconfirmed' };
      else if (confirmed && request.mayMove) leaving = { phoneId: seat.phoneId, reason: 'moved' };
    }
    await runDecider(this.store, streamNames.seat(request.agentId), this.seats, (state) =>
      decideSeat({ type: 'TakeSeat', ...stamp('seat'), agentId: request.agentId, phoneId: request.phoneId, ...(leaving ? { leaving } : {}) }, state),
    );
    let result: ClaimResult;
    try {
      const run = await runDecider(this.store, streamNames.phone(request.phoneId), this.phones, (state) => {
        this.assertNotBeingRemoved(request.phoneId, state.guard);
        return decidePhone(
          {
            type: 'ClaimPhone',
            ...stamp('phone'),
            phoneId: request.phoneId,
            agentId: request.agentId,
            via: request.via,
            ...(request.takeOver ? { takeOver: request.takeOver } : {}),
          },
          state.phone,
        );
      });
      const displaced = run.decision.events.find((e) => e.type === 'PhoneReleased');
      result = {
        outcome: run.decision.outcome,
        ...(displaced ? { displaced: displaced.data.agentId } : {}),
        ...(leaving?.reason === 'moved' ? { left: leaving.phoneId } : {}),
      };
    } catch (error) {
      // The phone is someone else's: give the seat back, so the agent holds nothing it lost.
      await this.leaveSeat(request.agentId, request.phoneId, 'unconfirmed', `${request.commandId}:seat-back`, request.at);
      throw error;
    }
    if (leaving?.reason === 'moved')
      await this.releasePhoneOnly(request.agentId, leaving.phoneId, 'moved', request.via, `${request.commandId}:left`, request.at);
    return result;
  }

  /** Lets the phone go (phone first, then the seat) when this agent holds it. */
  async release(agentId: string, phoneId: string, reason: PhoneReleaseReason, via: RequestChannel, commandId: string, at: string): Promise<PhoneOutcome> {
    const outcome = await this.releasePhoneOnly(agentId, phoneId, reason, via, `${commandId}:phone`, at);
    await this.leaveSeat(agentId, phoneId, reason, `${commandId}:seat`, at);
    return outcome;
  }

  /** The seat of an agent a force-login displaced from its phone. */
  async leaveSeat(agentId: string, phoneId: string, reason: PhoneReleaseReason, commandId: string, at: string): Promise<void> {
    await runDecider(this.store, streamNames.seat(agentId), this.seats, (state) =>
      decideSeat({ type: 'LeaveSeat', commandId, at, agentId, phoneId, reason }, state),
    );
  }

  async recordRegistration(command: Extract<PhoneCommand, { type: 'RecordRegistration' }>): Promise<PhoneOutcome> {
    const run = await runDecider(this.store, streamNames.phone(command.phoneId), this.phones, (state) => decidePhone(command, state.phone));
    return run.decision.outcome;
  }

  private async releasePhoneOnly(agentId: string, phoneId: string, reason: PhoneReleaseReason, via: RequestChannel, commandId: string, at: string): Promise<PhoneOutcome> {
    const run = await runDecider(this.store, streamNames.phone(phoneId), this.phones, (state) =>
      decidePhone({ type: 'ReleasePhone', commandId, at, phoneId, agentId, via, reason }, state.phone),
    );
    return run.decision.outcome;
  }

  /** A claim read a removal of the phone under way, or already in force here (entry-guard.ts). */
  private assertNotBeingRemoved(phoneId: string, guard: EntryGuard | undefined): void {
    if (!this.live || guard === undefined) return;
    if (guardInForce(guard, this.live)) throw new LoginRefused('conflict', `phone ${phoneId} is being removed from the directory (version ${guard.directoryVersion})`);
    if (!phoneById(this.live.current, phoneId)) throw new LoginRefused('conflict', `phone ${phoneId} is not in directory version ${this.live.version}`);
  }
}
