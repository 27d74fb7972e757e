import { Inject, Injectable } from '@nestjs/common';
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
} from '@switchboard/agent-domain';
import { streamNames, type PhoneEvent, type PhoneReleaseReason, type RequestChannel, type SeatEvent } from '@switchboard/contracts';
import type { EventStore } from '@switchboard/event-store';
import { EVENT_STORE } from '@switchboard/platform';
import { foldStream, runDecider } from './run-decider';

const PHONE = { initial: initialPhoneState, evolve: evolvePhone };
const SEAT = { initial: initialSeatState, evolve: evolveSeat };

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
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async phone(phoneId: string): Promise<PhoneState> {
    return (await foldStream<PhoneState, PhoneEvent>(this.store, streamNames.phone(phoneId), PHONE)).state;
  }

  async seat(agentId: string): Promise<SeatState> {
    return (await foldStream<SeatState, SeatEvent>(this.store, streamNames.seat(agentId), SEAT)).state;
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
    await runDecider(this.store, streamNames.seat(request.agentId), SEAT, (state) =>
      decideSeat({ type: 'TakeSeat', ...stamp('seat'), agentId: request.agentId, phoneId: request.phoneId, ...(leaving ? { leaving } : {}) }, state),
    );
    let result: ClaimResult;
    try {
      const run = await runDecider(this.store, streamNames.phone(request.phoneId), PHONE, (state) =>
        decidePhone(
          {
            type: 'ClaimPhone',
            ...stamp('phone'),
            phoneId: request.phoneId,
            agentId: request.agentId,
            via: request.via,
            ...(request.takeOver ? { takeOver: request.takeOver } : {}),
          },
          state,
        ),
      );
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
    await runDecider(this.store, streamNames.seat(agentId), SEAT, (state) =>
      decideSeat({ type: 'LeaveSeat', commandId, at, agentId, phoneId, reason }, state),
    );
  }

  async recordRegistration(command: Extract<PhoneCommand, { type: 'RecordRegistration' }>): Promise<PhoneOutcome> {
    const run = await runDecider(this.store, streamNames.phone(command.phoneId), PHONE, (state) => decidePhone(command, state));
    return run.decision.outcome;
  }

  private async releasePhoneOnly(agentId: string, phoneId: string, reason: PhoneReleaseReason, via: RequestChannel, commandId: string, at: string): Promise<PhoneOutcome> {
    const run = await runDecider(this.store, streamNames.phone(phoneId), PHONE, (state) =>
      decidePhone({ type: 'ReleasePhone', commandId, at, phoneId, agentId, via, reason }, state),
    );
    return run.decision.outcome;
  }
}
