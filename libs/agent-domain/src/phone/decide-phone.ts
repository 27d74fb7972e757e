import { assertNever, type PhoneEvent } from '@switchboard/contracts';
import type { PhoneCommand, PhoneOutcome } from './phone-commands';
import { PhoneDomainError } from './phone-domain-error';
import { requireStamp, stampOf } from './phone-metadata';
import type { PhoneState } from './phone-state';

export interface PhoneDecision {
  readonly events: readonly PhoneEvent[];
  readonly outcome: PhoneOutcome;
}

/**
 * decide(command, phone) → events. A phone is held by at most one agent: a claim of a phone
 * another agent holds is refused (phone_in_use) unless it takes over from exactly that holder.
 * The service appends with the revision it read, so of two claims decided on the same state only
 * one is ever recorded; the other is re-decided on the new state and refused.
 */
export function decidePhone(command: PhoneCommand, state: PhoneState): PhoneDecision {
  requireStamp(command);
  const meta = stampOf(command);
  switch (command.type) {
    case 'ClaimPhone': {
      const claimed: PhoneEvent = {
        type: 'PhoneClaimed',
        data: { phoneId: command.phoneId, agentId: command.agentId, via: command.via, at: command.at },
        metadata: meta,
      };
      if (state.status === 'free') return { events: [claimed], outcome: 'claimed' };
      if (state.agentId === command.agentId) return { events: [], outcome: 'already-held' };
      if (command.takeOver?.from !== state.agentId)
        throw new PhoneDomainError('phone_in_use', `phone ${command.phoneId} is held by another agent`);
      const released: PhoneEvent = {
        type: 'PhoneReleased',
        data: {
          phoneId: command.phoneId,
          agentId: state.agentId,
          reason: command.takeOver.reason,
          via: command.via,
          at: command.at,
        },
        metadata: meta,
      };
      return { events: [released, claimed], outcome: 'claimed' };
    }
    case 'ReleasePhone':
      if (state.status !== 'claimed' || state.agentId !== command.agentId) return { events: [], outcome: 'not-held' };
      return {
        events: [
          {
            type: 'PhoneReleased',
            data: {
              phoneId: command.phoneId,
              agentId: command.agentId,
              reason: command.reason,
              via: command.via,
              at: command.at,
            },
            metadata: meta,
          },
        ],
        outcome: 'released',
      };
    case 'RecordRegistration': {
      const known = state.registration;
      const wanted = command.registered ? 'registered' : 'unregistered';
      if (known.status !== 'unknown') {
        // Reports come from two PBX event types on two consumers: a late one must not win.
        if (Date.parse(command.observedAt) < Date.parse(known.observedAt)) return { events: [], outcome: 'unchanged' };
        if (known.status === wanted) return { events: [], outcome: 'unchanged' };
      }
      const data = { phoneId: command.phoneId, line: command.line, source: command.source, observedAt: command.observedAt };
      return {
        events: [command.registered ? { type: 'PhoneRegistered', data, metadata: meta } : { type: 'PhoneUnregistered', data, metadata: meta }],
        outcome: 'recorded',
      };
    }
    default:
      return assertNever(command, 'phone command');
  }
}
