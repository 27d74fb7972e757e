import { agentById, type Directory } from '@switchboard/agent-domain';
import type { AgentStreamEvent } from '@switchboard/contracts';
import { guardInForce, type DirectoryInForce, type EntryGuard } from '../directory/entry-guard';

/**
 * Why a decision may not log the agent in, given the directory change recorded on its stream
 * (entry-guard.ts), or undefined when it may. Only logins are refused: a logout, a pause or a
 * recorded PBX fact is never held back by the directory. An agent whose stream never saw such a
 * change is not checked here at all (the callers looked it up in the directory).
 */
export function loginRefusedByGuard(
  agentId: string,
  guard: EntryGuard | undefined,
  live: DirectoryInForce & { readonly current: Directory },
  events: readonly AgentStreamEvent[],
): string | undefined {
  if (guard === undefined) return undefined;
  const pending = guardInForce(guard, live);
  for (const event of events) {
    if (event.type !== 'AgentLoggedIn') continue;
    const queue = event.data.queue;
    if (pending && (guard.removed || !guard.queues.includes(queue)))
      return guard.removed
        ? `agent ${agentId} is being removed from the directory (version ${guard.directoryVersion})`
        : `queue ${queue} is being taken off agent ${agentId} in the directory (version ${guard.directoryVersion})`;
    // The change is in force here (or was abandoned): the directory itself says who works what.
    if (!pending && !agentById(live.current, agentId)?.queues.includes(queue))
      return `agent ${agentId} does not work queue ${queue} in directory version ${live.version}`;
  }
  return undefined;
}
