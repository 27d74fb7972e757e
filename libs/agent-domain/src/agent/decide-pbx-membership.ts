import type { AgentCommand } from '@switchboard/contracts';
import {
  intendedMembership,
  isConfirmed,
  matches,
  pbxViewOf,
  sessionIn,
  type AgentState,
} from './agent-state';
import type { Decision } from './decision';
import { metadataOf } from './event-metadata';
import { requireText } from './validate-command';

type RecordPbxMembership = Extract<AgentCommand, { type: 'RecordPbxMembership' }>;
type FlagUnconfirmed = Extract<AgentCommand, { type: 'FlagUnconfirmed' }>;

/**
 * The PBX showed a member (QueueMemberAdded/Removed/Pause). Recorded as a confirmation when it is
 * what the session wants and was not confirmed as such yet; anything else is left to
 * reconciliation, which compares whole snapshots rather than single events.
 */
export function decideRecordPbxMembership(command: RecordPbxMembership, state: AgentState): Decision {
  requireText(command.queue, 'queue');
  requireText(command.interface, 'interface');
  const { queue } = command;
  const session = sessionIn(state, queue);
  const observed = { ...command.observed, interface: command.interface };
  const view = pbxViewOf(state, queue);
  const wanted = matches(session, observed);
  const known =
    view !== undefined &&
    view.member === observed.member &&
    view.paused === observed.paused &&
    view.interface === observed.interface;
  // A member on another interface than the session's is not the session's member.
  const ours = session.status !== 'logged-in' || session.interface === command.interface;
  if (!wanted || known || !ours) return { events: [], outcomes: [{ queue, result: 'not-confirmed' }] };
  return {
    events: [
      {
        type: 'MembershipConfirmed',
        data: {
          agentId: command.agentId,
          pbxId: command.pbxId,
          queue,
          interface: command.interface,
          member: observed.member,
          paused: observed.paused,
          at: command.at,
        },
        metadata: metadataOf(command),
      },
    ],
    outcomes: [{ queue, result: 'confirmed' }],
  };
}

/** Flags a decision the PBX never confirmed; confirmed meanwhile, there is nothing to flag. */
export function decideFlagUnconfirmed(command: FlagUnconfirmed, state: AgentState): Decision {
  const { queue } = command;
  if (isConfirmed(state, queue)) return { events: [], outcomes: [{ queue, result: 'confirmed' }] };
  // A later decision replaced the one awaited: that one is awaited on its own.
  const intended = intendedMembership(sessionIn(state, queue));
  if (intended.member !== command.expected.member || intended.paused !== command.expected.paused)
    return { events: [], outcomes: [{ queue, result: 'not-confirmed' }] };
  return {
    events: [
      {
        type: 'MembershipUnconfirmed',
        data: {
          agentId: command.agentId,
          pbxId: command.pbxId,
          queue,
          interface: command.interface,
          expected: command.expected,
          attempts: command.attempts,
          at: command.at,
        },
        metadata: metadataOf(command),
      },
    ],
    outcomes: [{ queue, result: 'flagged' }],
  };
}
