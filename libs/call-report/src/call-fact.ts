import type {
  AgentCalled,
  AgentCompleted,
  AgentConnected,
  AgentRingNoAnswer,
  CallDisposed,
  CallTransferred,
  ChannelHungUp,
  QueueCallerAbandoned,
  QueueCallerJoined,
  QueueCallerLeft,
} from '@switchboard/contracts';

/**
 * Who answered, as the projection knows it when it handles AgentConnected: the member interface
 * (Local/1001@agent-phones/n) resolved to its device (SIP/1001), and the agent logged in there.
 * Resolve it as of the event, not as of a redelivery: the reducer keeps one context per connect.
 */
export interface MemberContext {
  readonly stateInterface: string;
  readonly agentId: string | null;
  /**
   * The phone the call reached when the state interface is no phone: an app_agent_pool member
   * (Local/<id>@agent-pool/n, state interface Agent:<id>) reaches the agent on the channel that
   * runs AgentLogin(), so its phone is that channel's device (AMI AgentLogin) at the time. The
   * member's own legs (AgentConnect's DestChannel is the Local ;1 half) never name it.
   */
  readonly device?: string;
}

/** The PBX events that build a row. */
export type CallPbxEvent =
  | QueueCallerJoined
  | QueueCallerLeft
  | QueueCallerAbandoned
  | AgentCalled
  | AgentConnected
  | AgentCompleted
  | AgentRingNoAnswer
  | CallTransferred
  | ChannelHungUp;

/**
 * One input of the reducer. Everything the reducer needs comes in on the fact (the member context
 * was looked up by the projection for the members that answered or rang), so the reducer stays
 * pure.
 */
export type CallFact =
  | {
      readonly kind: 'pbx';
      readonly event: Exclude<CallPbxEvent, AgentConnected | AgentRingNoAnswer>;
    }
  | {
      readonly kind: 'pbx';
      readonly event: AgentConnected | AgentRingNoAnswer;
      readonly member?: MemberContext;
    }
  | { readonly kind: 'disposition'; readonly event: CallDisposed };

/**
 * Which rows a fact builds. Queue events carry their queue: one row, created if new. Hangups,
 * transfers and dispositions carry only the call: they apply to every row of the call (a call that
 * left one queue for another has a row per queue). The projection should keep a disposition that
 * arrives before any row and apply it to rows created later; the reducer then counts it on the
 * answered row only, and a transfer on the row whose agent made it (see toCallRow).
 */
export type RowKey =
  | { readonly kind: 'row'; readonly callId: string; readonly queue: string }
  | { readonly kind: 'call'; readonly callId: string };

/**
 * The call (Asterisk's Linkedid, shared by every leg) a fact belongs to. A transfer's is its
 * transferer's: the channel in the call's bridge (for an attended transfer, the one bridged first,
 * as Asterisk orders OrigTransferer and SecondTransferer).
 */
export function callIdOf(fact: CallFact): string {
  if (fact.kind === 'disposition') return fact.event.data.callId;
  return fact.event.type === 'CallTransferred' ? fact.event.data.transferer.linkedid : fact.event.data.linkedid;
}

export function rowKeyOf(fact: CallFact): RowKey {
  if (fact.kind === 'disposition' || fact.event.type === 'Hangup' || fact.event.type === 'CallTransferred')
    return { kind: 'call', callId: callIdOf(fact) };
  return { kind: 'row', callId: fact.event.data.linkedid, queue: fact.event.data.queue };
}
