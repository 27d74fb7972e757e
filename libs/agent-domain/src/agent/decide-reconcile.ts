import type {
  AgentCommand,
  AgentStreamEvent,
  MembershipRepaired,
  ObservedMember,
} from '@switchboard/contracts';
import { AgentDomainError } from './agent-domain-error';
import {
  decidedAtOf,
  loggedInQueues,
  sessionIn,
  type AgentState,
  type QueueSession,
} from './agent-state';
import type { Decision, QueueOutcome } from './decision';
import { metadataOf } from './event-metadata';
import { requireText } from './validate-command';

type Reconcile = Extract<AgentCommand, { type: 'Reconcile' }>;
type Repair = Pick<
  MembershipRepaired['data'],
  'queue' | 'interface' | 'repair' | 'reason' | 'stateInterface' | 'memberName' | 'pauseReason'
>;

/**
 * Compares the agent's sessions on one PBX with the members that PBX holds for the agent and
 * decides the repairs that make the PBX follow the sessions: the sessions are the system of
 * record. A queue decided after the snapshot settled is left alone: the snapshot cannot show that
 * decision yet, and the reactor is following it. A snapshot repairs an agent once: the same snapshot compared again (a redelivery, a
 * second replica) finds it recorded and decides nothing.
 */
export function decideReconcile(command: Reconcile, state: AgentState): Decision {
  requireText(command.pbxId, 'pbxId');
  requireText(command.snapshotId, 'snapshotId');
  const settledBefore = Date.parse(command.settledBefore);
  if (Number.isNaN(settledBefore)) throw new AgentDomainError('invalid_input', 'settledBefore: not a time');
  const queues = queuesToCompare(command, state);
  if (state.status === 'known' && state.lastRepairSnapshot === command.snapshotId) {
    return { events: [], outcomes: queues.map((queue) => ({ queue, result: 'in-step' })) };
  }
  const events: AgentStreamEvent[] = [];
  const outcomes: QueueOutcome[] = [];
  for (const queue of queues) {
    const decidedAt = decidedAtOf(state, queue);
    if (decidedAt !== undefined && Date.parse(decidedAt) > settledBefore) {
      outcomes.push({ queue, result: 'pending' });
      continue;
    }
    const here = command.members.filter((m) => m.queue === queue);
    const repairs = repairsOf(queue, sessionIn(state, queue), here, command.pbxId);
    for (const repair of repairs) {
      events.push({
        type: 'MembershipRepaired',
        data: {
          agentId: command.agentId,
          pbxId: command.pbxId,
          ...repair,
          snapshotId: command.snapshotId,
          at: command.at,
        },
        metadata: metadataOf(command),
      });
    }
    outcomes.push({ queue, result: repairs.length ? 'repaired' : 'in-step' });
  }
  return { events, outcomes };
}

/** The agent's logged-in queues on this PBX, then queues where the PBX holds one of its members. */
function queuesToCompare(command: Reconcile, state: AgentState): string[] {
  const queues = loggedInQueues(state).filter((q) => {
    const s = sessionIn(state, q);
    return s.status === 'logged-in' && s.pbxId === command.pbxId;
  });
  for (const member of command.members) if (!queues.includes(member.queue)) queues.push(member.queue);
  return queues;
}

function repairsOf(
  queue: string,
  session: QueueSession,
  members: readonly ObservedMember[],
  pbxId: string,
): Repair[] {
  if (session.status !== 'logged-in' || session.pbxId !== pbxId) {
    return members.map((m) => ({ queue, interface: m.interface, repair: 'removed', reason: 'no-session' }));
  }
  const repairs: Repair[] = members
    .filter((m) => m.interface !== session.interface)
    .map((m) => ({ queue, interface: m.interface, repair: 'removed', reason: 'stale-binding' }));
  const own = members.find((m) => m.interface === session.interface);
  const paused = session.pause.status === 'paused';
  const pauseReason = session.pause.status === 'paused' ? { pauseReason: session.pause.reason } : {};
  if (!own) {
    repairs.push({
      queue,
      interface: session.interface,
      repair: 'added',
      reason: 'missing-on-pbx',
      stateInterface: session.stateInterface,
      memberName: session.memberName,
      ...pauseReason,
    });
  } else if (own.paused !== paused) {
    repairs.push({
      queue,
      interface: session.interface,
      repair: paused ? 'paused' : 'unpaused',
      reason: 'pause-mismatch',
      ...pauseReason,
    });
  }
  return repairs;
}
