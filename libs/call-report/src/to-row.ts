import type { CallReportRow } from '@switchboard/contracts';
import { normalizeCallState, type CallState } from './call-state';

function secondsBefore(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) - seconds * 1000).toISOString();
}

/**
 * The Report Call Table row of a call state. Every field is a function of the observations, so
 * the row inherits their order-insensitivity. The rules:
 * - answered once connected (an AgentComplete proves it too, should the AgentConnect be lost);
 *   abandoned only if never answered; otherwise still waiting.
 * - enteredAt is the QueueCallerJoin time; without one, the answer or abandon time minus the hold.
 * - endedAt is the AgentComplete time, else the abandon time, else the hangup of the caller's own
 *   channel (legs of the agents hang up too, while the caller may still be talking or waiting).
 * - attribution: a call disposed by an agent is the agent's (userId = the disposing agent), but
 *   only on its answered row: a call that left one queue for another has a row per queue and the
 *   disposition belongs to the leg an agent took. Otherwise an answered call is the phone's
 *   (userId = phoneId), and anything else is nobody's.
 */
export function toCallRow(state: CallState): CallReportRow {
  const s = normalizeCallState(state);
  const answered = s.connect !== null || s.complete !== null;
  const abandoned = !answered && s.abandon !== null;
  const callerHangupAt =
    s.caller && s.caller.uniqueid !== '' ? (s.hangups[s.caller.uniqueid] ?? null) : null;
  const phoneId = s.connect?.phoneId ?? null;
  const disposition = answered ? s.disposition : null;
  return {
    callId: s.callId,
    pbxId: s.pbxId,
    queue: s.queue,
    callerNumber: s.caller?.number ?? '',
    callerName: s.caller?.name ?? '',
    enteredAt:
      s.joinedAt ??
      (s.connect
        ? secondsBefore(s.connect.at, s.connect.holdTimeSeconds)
        : s.abandon
          ? secondsBefore(s.abandon.at, s.abandon.holdTimeSeconds)
          : null),
    answeredAt:
      s.connect?.at ??
      (s.complete ? secondsBefore(s.complete.at, s.complete.talkTimeSeconds) : null),
    endedAt: s.complete?.at ?? (abandoned ? s.abandon?.at : undefined) ?? callerHangupAt,
    waitSeconds:
      s.connect?.holdTimeSeconds ?? (abandoned ? s.abandon?.holdTimeSeconds : undefined) ?? null,
    talkSeconds: s.complete?.talkTimeSeconds ?? null,
    outcome: answered ? 'answered' : abandoned ? 'abandoned' : 'waiting',
    hangupBy:
      s.complete && s.complete.reason !== 'unknown'
        ? s.complete.reason
        : abandoned
          ? 'caller'
          : null,
    phoneId,
    memberInterface: s.connect?.interface ?? null,
    agentId: s.connect?.agentId ?? null,
    userId: disposition ? disposition.agentId : phoneId,
    attribution: disposition ? 'agent' : phoneId !== null ? 'phone' : 'none',
    disposition: disposition
      ? {
          agentId: disposition.agentId,
          code: disposition.code,
          note: disposition.note,
          at: disposition.at,
        }
      : null,
  };
}
