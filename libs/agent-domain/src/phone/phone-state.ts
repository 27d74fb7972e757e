import { assertNever, type PhoneEvent } from '@switchboard/contracts';

/** What the PBX last said about the phone's registration; unknown until it said anything. */
export type Registration =
  | { readonly status: 'unknown' }
  | { readonly status: 'registered' | 'unregistered'; readonly observedAt: string };

/** One shared phone, folded from its stream (phone-<id>). */
export type PhoneState =
  | { readonly status: 'free'; readonly registration: Registration }
  | {
      readonly status: 'claimed';
      readonly agentId: string;
      readonly since: string;
      readonly registration: Registration;
    };

export function initialPhoneState(): PhoneState {
  return { status: 'free', registration: { status: 'unknown' } };
}

/** Total, like the Agent's evolve: recorded history is never refused. */
export function evolvePhone(state: PhoneState, event: PhoneEvent): PhoneState {
  switch (event.type) {
    case 'PhoneClaimed':
      return {
        status: 'claimed',
        agentId: event.data.agentId,
        since: event.data.at,
        registration: state.registration,
      };
    case 'PhoneReleased':
      // A release names the holder it ends; one for an earlier holder changes nothing.
      if (state.status === 'claimed' && state.agentId !== event.data.agentId) return state;
      return { status: 'free', registration: state.registration };
    case 'PhoneRegistered':
      return { ...state, registration: { status: 'registered', observedAt: event.data.observedAt } };
    case 'PhoneUnregistered':
      return { ...state, registration: { status: 'unregistered', observedAt: event.data.observedAt } };
    default:
      return assertNever(event, 'phone event');
  }
}

export function holderOf(state: PhoneState): string | undefined {
  return state.status === 'claimed' ? state.agentId : undefined;
}
