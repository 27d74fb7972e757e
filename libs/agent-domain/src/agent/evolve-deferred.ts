import { assertNever, type DeferredReleased, type LogoutDeferred, type PauseDeferred } from '@switchboard/contracts';
import type { AgentState } from './agent-state';

type KnownState = Extract<AgentState, { status: 'known' }>;

/** Remembers a pause or logout asked for during a call until the call ends. */
export function evolveDeferred(known: KnownState, event: PauseDeferred | LogoutDeferred | DeferredReleased): KnownState {
  switch (event.type) {
    case 'PauseDeferred': {
      const { queues, reason, maxMinutes, via } = event.data;
      const pause = { reason, via, ...(queues ? { queues } : {}), ...(maxMinutes !== undefined ? { maxMinutes } : {}) };
      return { ...known, deferred: { ...known.deferred, pause } };
    }
    case 'LogoutDeferred':
      return { ...known, deferred: { ...known.deferred, logout: { queues: event.data.queues, via: event.data.via } } };
    case 'DeferredReleased':
      return { ...known, deferred: undefined };
    default:
      return assertNever(event, 'deferral event');
  }
}
