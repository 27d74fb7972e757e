import { assertNever, type PinEvent } from '@switchboard/contracts';

/** An agent's PIN attempts, folded from pin-<agentId>. */
export type PinState =
  | { readonly status: 'open'; readonly failures: number }
  | { readonly status: 'locked'; readonly until: string };

export function initialPinState(): PinState {
  return { status: 'open', failures: 0 };
}

export function evolvePin(_state: PinState, event: PinEvent): PinState {
  switch (event.type) {
    case 'PinRejected':
      return { status: 'open', failures: event.data.failures };
    case 'AgentLockedOut':
      return { status: 'locked', until: event.data.until };
    case 'PinAccepted':
      return { status: 'open', failures: 0 };
    default:
      return assertNever(event, 'PIN event');
  }
}

/** The end of the lockout in force at `at`, if any. A lockout that ran out leaves no count behind. */
export function lockedUntil(state: PinState, at: string): string | undefined {
  return state.status === 'locked' && Date.parse(at) < Date.parse(state.until) ? state.until : undefined;
}

/** Wrong PINs that count towards the next lockout: none after a lockout (running or over);
 *  a PIN tried during one is refused before this is asked. */
export function countedFailures(state: PinState): number {
  return state.status === 'open' ? state.failures : 0;
}
