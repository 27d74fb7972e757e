import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { AgentDomainError } from './agent-domain-error';
import type { AgentState } from './agent-state';
import { decideLogOutEverywhere } from './decide-log-out-everywhere';
import type { Decision } from './decision';
import { metadataOf } from './event-metadata';
import { requireText } from './validate-command';

type RecordQueueCallOffer = Extract<AgentCommand, { type: 'RecordQueueCallOffer' }>;

/**
 * Counts queue calls the agent let ring out, in a row; an answer starts again. The
 * maxRingNoAnswer-th in a row logs the agent out of every queue (reason ring-no-answer), so
 * callers stop waiting on a desk nobody sits at.
 */
export function decideQueueCallOffer(command: RecordQueueCallOffer, state: AgentState): Decision {
  requireText(command.queue, 'queue');
  if (!Number.isSafeInteger(command.maxRingNoAnswer) || command.maxRingNoAnswer < 0)
    throw new AgentDomainError('invalid_input', 'maxRingNoAnswer must be a whole number');
  const count = state.status === 'known' ? (state.ringNoAnswer ?? 0) : 0;
  const data = { agentId: command.agentId, queue: command.queue, at: command.at };
  const metadata = metadataOf(command);
  if (command.answered) {
    const events: AgentStreamEvent[] = count > 0 ? [{ type: 'RingNoAnswerCountReset', data, metadata }] : [];
    return { events, outcomes: [] };
  }
  const counted: AgentStreamEvent = { type: 'RingNoAnswerCounted', data: { ...data, count: count + 1 }, metadata };
  if (command.maxRingNoAnswer === 0 || count + 1 < command.maxRingNoAnswer) return { events: [counted], outcomes: [] };
  const logout = decideLogOutEverywhere({ ...command, type: 'LogOutEverywhere', reason: 'ring-no-answer' }, state);
  const reset: AgentStreamEvent = { type: 'RingNoAnswerCountReset', data, metadata };
  return { ...logout, events: [counted, ...logout.events, reset] };
}
