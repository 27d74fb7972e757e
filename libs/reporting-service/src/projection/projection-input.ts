import { assertNever, type AgentEvent, type PbxEvent } from '@switchboard/contracts';

/** One input of the projection, from either log: PBX events (JetStream) or agent events (the
 *  event store). */
export type ProjectionInput =
  | { readonly source: 'pbx'; readonly event: PbxEvent }
  | { readonly source: 'agent'; readonly event: AgentEvent };

/** A source's position, written in the same transaction as the rows it produced, so a restart
 *  knows exactly what is in the table. */
export interface Checkpoint {
  readonly name: string;
  readonly position: string;
}

export const CHECKPOINTS = {
  /** The JetStream stream sequence of the last PBX event applied. */
  pbxEvents: 'pbx-events',
  /** The event store's $all position of the last agent event applied. */
  agentEvents: 'agent-events',
} as const;

/** The call (Linkedid) an input touches, if it is one that builds rows. */
export function callIdOfInput(input: ProjectionInput): string | undefined {
  if (input.source === 'agent') return input.event.type === 'CallDisposed' ? input.event.data.callId : undefined;
  const e = input.event;
  switch (e.type) {
    case 'QueueCallerJoined':
    case 'QueueCallerLeft':
    case 'QueueCallerAbandoned':
    case 'AgentCalled':
    case 'AgentConnected':
    case 'AgentCompleted':
    case 'AgentRingNoAnswer':
    case 'Hangup':
      return e.data.linkedid;
    case 'CallTransferred':
      // The call the transferer's channel is in (see callIdOf in call-report); a failed transfer
      // builds nothing.
      return e.data.result === 'Success' ? e.data.transferer.linkedid : undefined;
    case 'AmiConnected':
    case 'AmiDisconnected':
    case 'FullyBooted':
    case 'FeatureCodeDialed':
    case 'QueueMemberAdded':
    case 'QueueMemberRemoved':
    case 'QueueMemberPaused':
    case 'QueueMemberStatusChanged':
    case 'PeerStatusChanged':
    case 'DeviceStateChanged':
    case 'QueueStatusSnapshot':
    case 'AgentsSnapshot':
    case 'AgentLogin':
    case 'AgentLogoff':
    case 'Unmapped':
      return undefined;
    default:
      return assertNever(e, 'PBX event');
  }
}
