import { assertNever, type SeatEvent } from '@switchboard/contracts';

/** The agent's side of hot desk, folded from seat-<agentId>: the one phone it holds, if any. */
export type SeatState =
  | { readonly status: 'empty' }
  | { readonly status: 'seated'; readonly phoneId: string; readonly since: string };

export function initialSeatState(): SeatState {
  return { status: 'empty' };
}

export function evolveSeat(state: SeatState, event: SeatEvent): SeatState {
  switch (event.type) {
    case 'AgentSeated':
      return { status: 'seated', phoneId: event.data.phoneId, since: event.data.at };
    case 'AgentUnseated':
      // Leaving names the phone left; leaving an earlier phone changes nothing.
      if (state.status === 'seated' && state.phoneId !== event.data.phoneId) return state;
      return { status: 'empty' };
    default:
      return assertNever(event, 'seat event');
  }
}
