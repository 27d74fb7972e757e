import { assertNever, type AgentStatusChanged, type AgentStreamEvent } from '@switchboard/contracts';

/** The status change an event means for other consumers, or null when it changes no status. */
export function statusOf(event: AgentStreamEvent): AgentStatusChanged | null {
  const meta = { occurredAt: event.metadata.occurredAt, ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}) };
  switch (event.type) {
    case 'AgentLoggedIn':
      return { type: 'LoggedIn', agentId: event.data.agentId, queue: event.data.queue, paused: event.data.paused, at: event.data.at, via: event.data.via, ...meta };
    case 'AgentLoggedOut':
      return { type: 'LoggedOut', agentId: event.data.agentId, queue: event.data.queue, reason: event.data.reason, at: event.data.at, via: event.data.via, ...meta };
    case 'AgentPaused':
      return { type: 'Paused', agentId: event.data.agentId, queue: event.data.queue, reason: event.data.reason, at: event.data.at, via: event.data.via, ...meta };
    case 'AgentUnpaused':
      return { type: 'Unpaused', agentId: event.data.agentId, queue: event.data.queue, ...(event.data.reason ? { reason: event.data.reason } : {}), at: event.data.at, via: event.data.via, ...meta };
    case 'CallDisposed':
    case 'MembershipConfirmed':
    case 'MembershipUnconfirmed':
    case 'RingNoAnswerCounted':
    case 'RingNoAnswerCountReset':
    case 'PauseDeferred':
    case 'LogoutDeferred':
    case 'DeferredReleased':
    case 'MembershipRepaired':
    case 'AgentPoolLoggedIn':
    case 'AgentPoolLoggedOut':
      return null;
    default:
      return assertNever(event, 'agent stream event');
  }
}
