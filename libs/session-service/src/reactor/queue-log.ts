import { assertNever, type AgentStreamEvent, type PbxAction } from '@switchboard/contracts';

/**
 * queue_log records for QueueMetrics-style tools, written through AMI's QueueLog action:
 * AGENTLOGIN (data: the device) and AGENTLOGOFF (data: the reason) under the member name, the
 * agent field Asterisk itself uses on its PAUSE lines. Pauses need no record of ours: Asterisk
 * writes PAUSE/UNPAUSE with the QueuePause Reason itself (devstate-blf capture,
 * `NONE|helpdesk|Agent 1001|PAUSE|Coffee`); writing them again would count each pause twice.
 */
export function queueLogFor(event: AgentStreamEvent, memberName: string): PbxAction | null {
  switch (event.type) {
    case 'AgentLoggedIn':
      return {
        action: 'QueueLog',
        queue: event.data.queue,
        event: 'AGENTLOGIN',
        interface: memberName,
        message: event.data.stateInterface,
      };
    case 'AgentLoggedOut':
      return {
        action: 'QueueLog',
        queue: event.data.queue,
        event: 'AGENTLOGOFF',
        interface: memberName,
        message: event.data.reason,
      };
    case 'AgentPaused':
    case 'AgentUnpaused':
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
      // Where a pooled agent sits is no queue membership: no AGENTLOGIN/AGENTLOGOFF line of ours.
      return null;
    default:
      return assertNever(event, 'agent stream event');
  }
}
