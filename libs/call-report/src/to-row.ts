import {
  assertNever,
  type Attribution,
  type AttributionSource,
  type CallOutcome,
  type CallReportRow,
} from '@switchboard/contracts';
import { normalizeCallState, type CallState, type DispositionObservation, type TransferObservation } from './call-state';
import { latest } from './merge';

function secondsBefore(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) - seconds * 1000).toISOString();
}

function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/**
 * The transfer that ended the row's agent's part of the call: the first successful one asked of
 * the agent's side while the agent was on the call (from the answer to the AgentComplete). The
 * agent's side is the phone's own channel, whose device is the row's phone (a transfer from the
 * handset: `SIP/1001-00000006` → `SIP/1001`), or the member's leg in the queue's bridge
 * (AgentConnect's DestChannel, the Local ;1 half: an AMI BlindTransfer or Atxfer of it). A
 * transfer by anyone else (the caller, another queue's agent of the same call) is not this row's.
 */
function agentTransferOf(s: CallState): TransferObservation | null {
  const connect = s.connect;
  if (connect === null) return null;
  const byAgent = (c: TransferObservation['transferers'][number]) =>
    (c.device !== '' && c.device === connect.phoneId) ||
    (connect.destUniqueid !== '' && c.uniqueid === connect.destUniqueid) ||
    (connect.destChannel !== '' && c.channel === connect.destChannel);
  return (
    s.transfers.find(
      (t) => t.at >= connect.at && (s.complete === null || t.at <= s.complete.at) && t.transferers.some(byAgent),
    ) ?? null
  );
}

/**
 * - answered once connected (an AgentComplete proves it too, should the AgentConnect be lost), and
 *   transferred when the AgentComplete says the queue's bridge was transferred away, or the
 *   answering agent's side transferred the call (see agentTransferOf: a transfer from the handset
 *   leaves the queue's bridge alone, and its AgentComplete says `agent` when the target hangs up);
 * - abandoned only if never answered;
 * - timeout when the caller left the queue neither answered nor abandoning (Asterisk sends
 *   QueueCallerLeave without QueueCallerAbandon on timeout, exit-empty and ExitWithTimeout);
 * - abandoned too when the caller's own channel hung up and the queue said nothing else: the
 *   QueueCallerAbandon (or the leave) was lost (an AMI outage while the caller waited) and the
 *   caller is gone unanswered; a row must not stay "waiting" for ever;
 * - otherwise still waiting. A QueueCallerLeave comes just before the AgentConnect of an answered
 *   call, so a row reads "timeout" for that instant until the connect is applied.
 */
function outcomeOf(s: CallState, transfer: TransferObservation | null, callerHangupAt: string | null): CallOutcome {
  if (s.connect !== null || s.complete !== null)
    return s.complete?.reason === 'transfer' || transfer !== null ? 'transferred' : 'answered';
  if (s.abandon !== null) return 'abandoned';
  if (s.leftAt !== null) return 'timeout';
  if (callerHangupAt !== null) return 'abandoned';
  return 'waiting';
}

function attributionSourceOf(attribution: Attribution): AttributionSource {
  switch (attribution) {
    case 'agent':
      return 'desktop-disposition';
    case 'phone':
      return 'phone';
    case 'none':
      return 'none';
    default:
      return assertNever(attribution, 'attribution');
  }
}

/**
 * The disposition a row counts: that of the agent who answered it. An agent who did not take the
 * call cannot claim it by disposing its id, and each queue's row of a transferred call keeps its
 * own agent's. When who answered is not known (nobody was logged in on the phone, or only the
 * AgentComplete came), the latest disposition of any agent.
 */
function dispositionOfRow(s: CallState): DispositionObservation | null {
  const agentId = s.connect?.agentId ?? null;
  if (agentId !== null) return s.dispositions.find((d) => d.agentId === agentId) ?? null;
  return s.dispositions.reduce<DispositionObservation | null>((kept, d) => latest(kept, d), null);
}

/**
 * The Report Call Table row of a call state. Every field is a function of the observations, so
 * the row inherits their order-insensitivity. The rules:
 * - outcome: see outcomeOf.
 * - enteredAt is the QueueCallerJoin time; without one, the answer or abandon time minus the hold.
 * - endedAt is the AgentComplete time, else the abandon time, else (timeout) the time the queue let
 *   the caller go, else the hangup of the caller's own channel (legs of the agents hang up too,
 *   while the caller may still be talking or waiting). A row its agent transferred from the
 *   handset ends at the transfer, and talks from the answer to it: the AgentComplete of such a
 *   call comes when the transfer's target hangs up, and its TalkTime counts the target's talk.
 * - attribution: a call disposed by the agent who answered it is the agent's (userId = the
 *   agent; see dispositionOfRow), on its answered row only: a call that left one queue for
 *   another has a row per queue, each answered by its own agent. Otherwise an answered call is the
 *   phone's (userId = phoneId), and anything else is nobody's.
 */
export function toCallRow(state: CallState): CallReportRow {
  const s = normalizeCallState(state);
  // Only where the AgentComplete does not say so itself: when it does, its TalkTime and time are
  // Asterisk's own account of the transfer (the attended one counts the consultation).
  const transfer = s.complete?.reason === 'transfer' ? null : agentTransferOf(s);
  const callerHangupAt =
    s.caller && s.caller.uniqueid !== '' ? (s.hangups[s.caller.uniqueid] ?? null) : null;
  const outcome = outcomeOf(s, transfer, callerHangupAt);
  const answered = outcome === 'answered' || outcome === 'transferred';
  const abandoned = outcome === 'abandoned';
  const timedOut = outcome === 'timeout';
  const phoneId = s.connect?.phoneId ?? null;
  const disposition = answered ? dispositionOfRow(s) : null;
  const attribution: Attribution = disposition ? 'agent' : phoneId !== null ? 'phone' : 'none';
  const enteredAt =
    s.joinedAt ??
    (s.connect
      ? secondsBefore(s.connect.at, s.connect.holdTimeSeconds)
      : s.abandon
        ? secondsBefore(s.abandon.at, s.abandon.holdTimeSeconds)
        : null);
  return {
    callId: s.callId,
    pbxId: s.pbxId,
    queue: s.queue,
    direction: 'inbound',
    callerNumber: s.caller?.number ?? '',
    callerName: s.caller?.name ?? '',
    enteredAt,
    answeredAt:
      s.connect?.at ??
      (s.complete ? secondsBefore(s.complete.at, s.complete.talkTimeSeconds) : null),
    endedAt:
      transfer?.at ??
      s.complete?.at ??
      (abandoned ? s.abandon?.at : undefined) ??
      (timedOut ? s.leftAt : undefined) ??
      callerHangupAt,
    waitSeconds:
      s.connect?.holdTimeSeconds ??
      (abandoned ? s.abandon?.holdTimeSeconds : undefined) ??
      (timedOut && enteredAt !== null && s.leftAt !== null
        ? secondsBetween(enteredAt, s.leftAt)
        : null) ??
      // Abandoned with the abandon lost: the caller waited until hanging up.
      (abandoned && enteredAt !== null && callerHangupAt !== null ? secondsBetween(enteredAt, callerHangupAt) : null),
    ringSeconds: s.connect?.ringTimeSeconds ?? null,
    talkSeconds:
      transfer && s.connect
        ? secondsBetween(s.connect.at, transfer.at)
        : (s.complete?.talkTimeSeconds ?? null),
    outcome,
    hangupBy: transfer
      ? 'transfer'
      : s.complete && s.complete.reason !== 'unknown'
        ? s.complete.reason
        : abandoned
          ? 'caller'
          : null,
    phoneId,
    memberInterface: s.connect?.interface ?? null,
    agentId: s.connect?.agentId ?? null,
    userId: disposition ? disposition.agentId : phoneId,
    attribution,
    attributionSource: attributionSourceOf(attribution),
    disposition: disposition
      ? {
          agentId: disposition.agentId,
          code: disposition.code,
          note: disposition.note,
          at: disposition.at,
        }
      : null,
    dispositionAt: disposition?.at ?? null,
    ringNoAnswerCount: s.ringNoAnswer.length,
    ringNoAnswer: s.ringNoAnswer.map((r) => ({
      memberInterface: r.interface,
      phoneId: r.phoneId,
      ringMs: r.ringMs,
      at: r.at,
    })),
  };
}
