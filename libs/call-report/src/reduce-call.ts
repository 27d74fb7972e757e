import {
  assertNever,
  type AgentCompleted,
  type AgentConnected,
  type AgentRingNoAnswer,
  type CallDisposed,
  type ChannelHungUp,
  type QueueCallerAbandoned,
  type QueueCallerJoined,
  type QueueCallerLeft,
  type AgentCalled,
} from '@switchboard/contracts';
import { emptyCallState, type CallState } from './call-state';

/** Who answered, resolved by the projection at the time of AgentConnected. */
export interface MemberContext {
  /** The member's device (its state interface), e.g. SIP/1001. */
  readonly stateInterface: string;
  /** The agent logged in on that device then, if any. */
  readonly agentId: string | null;
}

export type CallPbxEvent =
  | QueueCallerJoined
  | QueueCallerLeft
  | QueueCallerAbandoned
  | AgentCalled
  | AgentConnected
  | AgentCompleted
  | AgentRingNoAnswer
  | ChannelHungUp;

export type CallFact =
  | { readonly kind: 'pbx'; readonly event: Exclude<CallPbxEvent, AgentConnected> }
  | { readonly kind: 'pbx'; readonly event: AgentConnected; readonly member?: MemberContext }
  | { readonly kind: 'disposition'; readonly event: CallDisposed };

/** The earlier of two observations; ties broken by content so the choice never depends on order. */
function earliest<T extends { at: string }>(a: T | null, b: T): T {
  if (!a) return b;
  if (a.at !== b.at) return a.at < b.at ? a : b;
  return JSON.stringify(a) <= JSON.stringify(b) ? a : b;
}

function latest<T extends { at: string }>(a: T | null, b: T): T {
  if (!a) return b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

function minTime(a: string | null, b: string): string {
  return a === null || b < a ? b : a;
}

function maxTime(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}


/**
 * (state, fact) → state for one row (call id + queue). Pure, idempotent, and order-insensitive:
 * see CallState. `state` undefined starts a new row; dispositions and hangups carry no queue and
 * are applied by the projection to every row of their call.
 */
export function reduceCall(state: CallState | undefined, fact: CallFact, key: { callId: string; queue: string }): CallState {
  let s = state ?? emptyCallState(key.callId, key.queue);
  if (fact.kind === 'disposition') {
    const d = fact.event.data;
    return { ...s, disposition: latest(s.disposition, { agentId: d.agentId, code: d.code, note: d.note ?? null, at: d.at }) };
  }
  const event = fact.event;
  const at = event.metadata.occurredAt;
  s = { ...s, pbxId: s.pbxId || event.metadata.pbxId };
  if (event.type !== 'Hangup') {
    s = { ...s, caller: earliest(s.caller, { at, number: event.data.callerIdNum, name: event.data.callerIdName }) };
  }
  switch (event.type) {
    case 'QueueCallerJoined':
      return { ...s, joinedAt: minTime(s.joinedAt, at) };
    case 'QueueCallerLeft':
    case 'AgentCalled':
      return s;
    case 'AgentConnected': {
      const member = 'member' in fact ? fact.member : undefined;
      return {
        ...s,
        connect: earliest(s.connect, {
          at,
          holdTimeSeconds: event.data.holdTimeSeconds,
          ringTimeSeconds: event.data.ringTimeSeconds,
          interface: event.data.interface,
          phoneId: member?.stateInterface ?? event.data.interface,
          agentId: member?.agentId ?? null,
        }),
      };
    }
    case 'AgentCompleted':
      return {
        ...s,
        complete: earliest(s.complete, { at, talkTimeSeconds: event.data.talkTimeSeconds, reason: event.data.reason }),
      };
    case 'QueueCallerAbandoned':
      return { ...s, abandon: earliest(s.abandon, { at, holdTimeSeconds: event.data.holdTimeSeconds }) };
    case 'AgentRingNoAnswer': {
      const entry = { interface: event.data.interface, at };
      if (s.ringNoAnswer.some((r) => r.interface === entry.interface && r.at === entry.at)) return s;
      const ringNoAnswer = [...s.ringNoAnswer, entry].sort((a, b) =>
        a.at === b.at ? a.interface.localeCompare(b.interface) : a.at < b.at ? -1 : 1,
      );
      return { ...s, ringNoAnswer };
    }
    case 'Hangup':
      return { ...s, lastHangupAt: maxTime(s.lastHangupAt, at) };
    default:
      return assertNever(event, 'call event');
  }
}
