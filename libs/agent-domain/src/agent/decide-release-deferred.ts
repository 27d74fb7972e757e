import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { AgentDomainError } from './agent-domain-error';
import { loggedInQueues, sessionIn, type AgentState } from './agent-state';
import { decidePause } from './decide-pause';
import type { Decision, QueueOutcome } from './decision';
import { evolve } from './evolve';
import { metadataOf } from './event-metadata';

type ReleaseDeferred = Extract<AgentCommand, { type: 'ReleaseDeferred' }>;

/**
 * The agent's call ended: the logout and the pause asked for during it are applied now, logout
 * first (a queue left needs no pause), each with the channel it was asked through. The time is the
 * command's: the call's end.
 */
export function decideReleaseDeferred(command: ReleaseDeferred, state: AgentState): Decision {
  if (state.status !== 'known' || !state.deferred) return { events: [], outcomes: [] };
  const { logout, pause } = state.deferred;
  const metadata = metadataOf(command);
  const events: AgentStreamEvent[] = [{ type: 'DeferredReleased', data: { agentId: command.agentId, at: command.at }, metadata }];
  const outcomes: QueueOutcome[] = [];
  for (const queue of logout?.queues ?? []) {
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in') continue;
    events.push({
      type: 'AgentLoggedOut',
      data: { agentId: command.agentId, pbxId: session.pbxId, queue, interface: session.interface, via: logout?.via ?? command.via, reason: 'requested', at: command.at },
      metadata,
    });
    outcomes.push({ queue, result: 'logged-out' });
  }
  if (pause) {
    const after = events.reduce(evolve, state);
    const queues = pause.queues?.filter((q) => loggedInQueues(after).includes(q));
    if (queues === undefined ? loggedInQueues(after).length > 0 : queues.length > 0) {
      try {
        const paused = decidePause(
          {
            ...command,
            type: 'Pause',
            via: pause.via,
            reason: pause.reason,
            ...(queues !== undefined ? { queues } : {}),
            ...(pause.maxMinutes !== undefined ? { maxMinutes: pause.maxMinutes } : {}),
          },
          after,
        );
        events.push(...paused.events);
        outcomes.push(...paused.outcomes);
      } catch (error) {
        // Nothing left to pause is no reason to keep the logout from happening.
        if (!(error instanceof AgentDomainError)) throw error;
      }
    }
  }
  return { events, outcomes };
}
