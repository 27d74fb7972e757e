import { poolSeatOf, type AgentState } from '@switchboard/agent-domain';
import type { AgentCommand, AgentsSnapshot, AgentStreamEvent } from '@switchboard/contracts';

type Observed = Extract<AgentCommand, { type: 'ResyncAgentPool' }>['observed'];

/**
 * Where an AMI Agents list says the agent sits: its AgentLogin() channel, nowhere (logged off, or
 * not in the list at all: agents.conf does not define it, so it cannot sit anywhere), or undefined
 * for a status the list gave that says nothing (unknown).
 */
export function observedSeat(snapshot: AgentsSnapshot['data'], agentId: string): Observed | undefined {
  const entry = snapshot.agents.find((a) => a.agentId === agentId);
  if (!entry || entry.status === 'logged-off') return { seated: false };
  if (entry.status === 'unknown') return undefined;
  return { seated: true, channel: entry.channel, device: entry.device, loggedInAt: entry.loggedInAt };
}

/**
 * The resync command for one agent, or undefined when the recorded seat already agrees (most
 * agents: no append, no stream write). The decider judges again on the stream as read when
 * appending, so a seat that changed meanwhile is left alone.
 */
export function poolResyncCommand(
  pbxId: string,
  snapshotId: string,
  snapshot: AgentsSnapshot['data'],
  agentId: string,
  state: AgentState,
  at: string,
): AgentCommand | undefined {
  const observed = observedSeat(snapshot, agentId);
  if (!observed) return undefined;
  const seat = poolSeatOf(state);
  if (!seat && !observed.seated) return undefined;
  if (seat && observed.seated && seat.channel === observed.channel) return undefined;
  // One command id per list and agent: a redelivered snapshot is recognised, not applied twice.
  return { type: 'ResyncAgentPool', commandId: `pool-resync-${snapshotId}-${agentId}`, agentId, at, via: 'system', pbxId, askedAt: snapshot.askedAt, observed };
}

/** The seat repairs among an agent's new events, as metric labels. */
export function poolRepairsOf(events: readonly AgentStreamEvent[]): Array<{ repair: 'seat-recorded' | 'seat-released'; reason: string; channel: string }> {
  const repairs: Array<{ repair: 'seat-recorded' | 'seat-released'; reason: string; channel: string }> = [];
  for (const e of events) {
    if (e.type === 'AgentPoolLoggedIn' && e.data.reason) repairs.push({ repair: 'seat-recorded', reason: e.data.reason, channel: e.data.channel });
    if (e.type === 'AgentPoolLoggedOut' && e.data.reason) repairs.push({ repair: 'seat-released', reason: e.data.reason, channel: e.data.channel });
  }
  return repairs;
}
