import { assertNever, type PhoneReleaseReason, type SeatEvent } from '@switchboard/contracts';
import { PhoneDomainError } from './phone-domain-error';
import { requireStamp, stampOf, type CommandStamp } from './phone-metadata';
import type { SeatState } from './seat-state';

export type SeatCommand =
  | (CommandStamp & {
      readonly type: 'TakeSeat';
      readonly agentId: string;
      readonly phoneId: string;
      /** Leave this phone first (the agent moves, or its seat names a claim that never happened). */
      readonly leaving?: { readonly phoneId: string; readonly reason: PhoneReleaseReason };
    })
  | (CommandStamp & {
      readonly type: 'LeaveSeat';
      readonly agentId: string;
      readonly phoneId: string;
      readonly reason: PhoneReleaseReason;
    });

export interface SeatDecision {
  readonly events: readonly SeatEvent[];
  readonly outcome: 'seated' | 'already-seated' | 'left' | 'not-seated';
}

/**
 * An agent holds at most one phone: taking a seat while seated at another phone is refused
 * (agent_has_phone) unless the command leaves exactly that phone. Appended with the revision
 * read, so two concurrent claims by one agent cannot both take a seat.
 */
export function decideSeat(command: SeatCommand, state: SeatState): SeatDecision {
  requireStamp(command);
  const meta = stampOf(command);
  switch (command.type) {
    case 'TakeSeat': {
      const seated: SeatEvent = {
        type: 'AgentSeated',
        data: { agentId: command.agentId, phoneId: command.phoneId, at: command.at },
        metadata: meta,
      };
      if (state.status === 'empty') return { events: [seated], outcome: 'seated' };
      if (state.phoneId === command.phoneId) return { events: [], outcome: 'already-seated' };
      if (command.leaving?.phoneId !== state.phoneId)
        throw new PhoneDomainError('agent_has_phone', `agent ${command.agentId} already holds phone ${state.phoneId}`);
      const left: SeatEvent = {
        type: 'AgentUnseated',
        data: { agentId: command.agentId, phoneId: state.phoneId, reason: command.leaving.reason, at: command.at },
        metadata: meta,
      };
      return { events: [left, seated], outcome: 'seated' };
    }
    case 'LeaveSeat':
      if (state.status !== 'seated' || state.phoneId !== command.phoneId) return { events: [], outcome: 'not-seated' };
      return {
        events: [
          {
            type: 'AgentUnseated',
            data: { agentId: command.agentId, phoneId: command.phoneId, reason: command.reason, at: command.at },
            metadata: meta,
          },
        ],
        outcome: 'left',
      };
    default:
      return assertNever(command, 'seat command');
  }
}
