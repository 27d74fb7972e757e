import { isLoggedIn, type QueueOutcome } from '@switchboard/agent-domain';
import type { CommandResult } from '../commands/agent-command.service';
import type { Announcement } from './announcements';

/**
 * What the caller hears after a login or logout: what the decider reported for the queues, not
 * only where the agent stands afterwards. A logout deferred because the agent takes a queue call
 * leaves the agent logged in, yet it must not sound like a login; a direct login or logout with
 * nothing to do says so ("already …") instead of announcing a change.
 */
export function sessionAnnouncement(outcomes: readonly QueueOutcome[], loggedIn: boolean): Announcement {
  if (outcomes.some((o) => o.result === 'deferred')) return 'logout-deferred';
  const status = loggedIn ? 'logged-in' : 'logged-out';
  const unchanged = outcomes.length > 0 && outcomes.every((o) => o.result === `already-${status}`);
  return unchanged ? `already-${status}` : status;
}

/** The IVR's pause: deferred while the agent takes a queue call, else paused (again or anew). */
export function pauseAnnouncement(outcomes: readonly QueueOutcome[]): Announcement {
  return outcomes.some((o) => o.result === 'deferred') ? 'pause-deferred' : 'paused';
}

/**
 * A login number's outcome. A redelivered dial (the same feature call) was decided the first time:
 * the decision made again on the state that first one left would say "already …" or toggle the
 * other way, so for a duplicate only what was recorded then, and the state, tell.
 */
export function queueLoginAnnouncement(result: CommandResult, queues: readonly string[]): Announcement {
  const loggedIn = queues.some((q) => isLoggedIn(result.state, q));
  if (!result.duplicate) return sessionAnnouncement(result.decision.outcomes, loggedIn);
  if (result.events.some((e) => e.type === 'LogoutDeferred')) return 'logout-deferred';
  return loggedIn ? 'logged-in' : 'logged-out';
}
