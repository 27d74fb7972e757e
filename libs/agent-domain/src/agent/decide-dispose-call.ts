import type { AgentCommand } from '@switchboard/contracts';
import type { Decision } from './decision';
import { metadataOf } from './event-metadata';
import { requireText } from './validate-command';

type DisposeCall = Extract<AgentCommand, { type: 'DisposeCall' }>;

/**
 * The agent's disposition of a call: what attributes the call to the agent in the report. Any
 * state will do; whether the agent took that call is the report's to see, not this stream's.
 * Disposing again records again: the report keeps the latest.
 */
export function decideDisposeCall(command: DisposeCall): Decision {
  requireText(command.callId, 'callId');
  requireText(command.code, 'code');
  return {
    events: [
      {
        type: 'CallDisposed',
        data: {
          agentId: command.agentId,
          callId: command.callId,
          ...(command.pbxId !== undefined ? { pbxId: command.pbxId } : {}),
          code: command.code,
          ...(command.note !== undefined ? { note: command.note } : {}),
          at: command.at,
        },
        metadata: metadataOf(command),
      },
    ],
    outcomes: [],
  };
}
