import { assertNever } from '@switchboard/contracts';
import type { AgentEntry } from '../directory/directory';
import { poolSeatOf, sessionIn, type AgentState } from './agent-state';

/** An agent as the API shows it: its state in each of its queues. Never the PIN. */
export interface AgentView {
  readonly id: string;
  readonly name: string;
  /** Null for a hot-desk agent without a line of its own. */
  readonly line: string | null;
  readonly queues: ReadonlyArray<{
    readonly queue: string;
    readonly loggedIn: boolean;
    readonly paused: boolean;
    readonly pauseReason: string | null;
    readonly since: string | null;
  }>;
  /**
   * app_agent_pool agents only (membership agent-pool): whether a call from a phone sits in
   * AgentLogin() now, and which. Logged in to a queue but not seated, the agent gets no calls.
   */
  readonly agentPool?: AgentPoolView;
}

export type AgentPoolView =
  | { readonly seated: false }
  | { readonly seated: true; readonly channel: string; readonly device: string; readonly since: string };

function agentPoolView(state: AgentState): AgentPoolView {
  const seat = poolSeatOf(state);
  return seat ? { seated: true, channel: seat.channel, device: seat.device, since: seat.since } : { seated: false };
}

export function describeAgent(agent: AgentEntry, state: AgentState): AgentView {
  return {
    id: agent.id,
    name: agent.name,
    line: agent.line ?? null,
    queues: agent.queues.map((queue) => {
      const s = sessionIn(state, queue);
      switch (s.status) {
        case 'logged-out':
          return { queue, loggedIn: false, paused: false, pauseReason: null, since: null };
        case 'logged-in':
          return {
            queue,
            loggedIn: true,
            paused: s.pause.status === 'paused',
            pauseReason: s.pause.status === 'paused' ? s.pause.reason : null,
            since: s.since,
          };
        default:
          return assertNever(s, 'queue session');
      }
    }),
    ...(agent.membership === 'agent-pool' ? { agentPool: agentPoolView(state) } : {}),
  };
}
