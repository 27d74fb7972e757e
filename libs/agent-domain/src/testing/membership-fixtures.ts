import type { AgentCommand, AgentStreamEvent, LogoutReason, ObservedMember } from '@switchboard/contracts';
import { AGENT, AT, BINDING, EARLIER, metaOf } from './agent-fixtures';

/** Commands and events of the PBX following the decisions, for agent 1002 on pbx1. */
export const OTHER_INTERFACE = 'Local/1002@old-desk/n';

export function observe(
  queue: string,
  member: 'present' | 'absent',
  paused = false,
  iface = BINDING.interface,
): AgentCommand {
  return {
    type: 'RecordPbxMembership',
    commandId: 'obs',
    agentId: AGENT,
    at: AT,
    via: 'system',
    pbxId: 'pbx1',
    queue,
    interface: iface,
    observed: { member, paused },
  };
}

export function confirmed(queue: string, member: 'present' | 'absent', paused = false): AgentStreamEvent {
  return {
    type: 'MembershipConfirmed',
    data: { agentId: AGENT, pbxId: 'pbx1', queue, interface: BINDING.interface, member, paused, at: AT },
    metadata: metaOf('obs'),
  };
}

/** History: the PBX confirmed earlier. */
export function wasConfirmed(queue: string, member: 'present' | 'absent', paused = false): AgentStreamEvent {
  const event = confirmed(queue, member, paused);
  return { ...event, data: { ...event.data, at: EARLIER } } as AgentStreamEvent;
}

export function flag(queue: string, member: 'present' | 'absent', paused = false): AgentCommand {
  return {
    type: 'FlagUnconfirmed',
    commandId: 'flag',
    agentId: AGENT,
    at: AT,
    via: 'system',
    pbxId: 'pbx1',
    queue,
    interface: BINDING.interface,
    expected: { member, paused },
    attempts: 3,
  };
}

/** Snapshots settle after the history's decisions (EARLIER) unless told otherwise. */
export function reconcile(
  members: readonly ObservedMember[],
  snapshotId = 'snap-1',
  settledBefore = AT,
): AgentCommand {
  return {
    type: 'Reconcile',
    commandId: `rec-${snapshotId}`,
    agentId: AGENT,
    at: AT,
    via: 'system',
    pbxId: 'pbx1',
    snapshotId,
    settledBefore,
    members,
  };
}

export function member(queue: string, paused = false, iface = BINDING.interface): ObservedMember {
  return { queue, interface: iface, paused };
}

export function logOutEverywhere(reason: LogoutReason): AgentCommand {
  return { type: 'LogOutEverywhere', commandId: 'out', agentId: AGENT, at: AT, via: 'supervisor', reason };
}
