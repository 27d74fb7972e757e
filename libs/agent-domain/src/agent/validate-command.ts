import type { AgentCommand } from '@switchboard/contracts';
import { AgentDomainError } from './agent-domain-error';
import type { AgentState } from './agent-state';

export function requireText(value: string | undefined, what: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new AgentDomainError('invalid_input', `${what} is required`);
  return value;
}

/** A list of queue names a command names: at least one, none blank, none twice (it would
 *  otherwise decide two events for one queue). */
export function requireQueues(queues: readonly string[], what: string): readonly string[] {
  if (queues.length === 0) throw new AgentDomainError('invalid_input', `${what}: no queue named`);
  const seen = new Set<string>();
  for (const q of queues) {
    requireText(q, `${what}: queue name`);
    if (seen.has(q)) throw new AgentDomainError('invalid_input', `${what}: queue ${q} named twice`);
    seen.add(q);
  }
  return queues;
}

/** What every command needs before its own rules: ids, a readable time, and the right stream. */
export function validateCommonFields(command: AgentCommand, state: AgentState): void {
  requireText(command.commandId, 'commandId');
  requireText(command.agentId, 'agentId');
  // Date.parse reads no clock: it only checks that `at` is a time.
  if (typeof command.at !== 'string' || Number.isNaN(Date.parse(command.at))) {
    throw new AgentDomainError('invalid_input', `at: not a time: ${JSON.stringify(command.at)}`);
  }
  if (state.status === 'known' && state.agentId !== command.agentId) {
    throw new AgentDomainError(
      'agent_mismatch',
      `command for agent ${command.agentId} decided on the stream of agent ${state.agentId}`,
    );
  }
}
