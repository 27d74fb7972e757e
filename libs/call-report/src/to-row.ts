import type { CallReportRow } from '@switchboard/contracts';
import type { CallState } from './call-state';

function secondsBefore(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) - seconds * 1000).toISOString();
}

/**
 * The Report Call Table row for a call state. The attribution rule: a call the agent disposed in
 * the desktop is the agent's (userId = agentId); otherwise an answered call is the phone's
 * (userId = phoneId, and it stays out of the agent's own call list).
 */
export function toCallRow(s: CallState): CallReportRow {
  const outcome = s.connect ? 'answered' : s.abandon ? 'abandoned' : 'waiting';
  const enteredAt =
    s.joinedAt ??
    (s.connect ? secondsBefore(s.connect.at, s.connect.holdTimeSeconds) : s.abandon ? secondsBefore(s.abandon.at, s.abandon.holdTimeSeconds) : null);
  // Agent legs of a call still waiting hang up too (ring no answer): a waiting call has not ended.
  const endedAt = s.connect ? (s.complete?.at ?? s.lastHangupAt) : (s.abandon?.at ?? null);
  const attribution = s.disposition ? 'agent' : s.connect ? 'phone' : 'none';
  return {
    callId: s.callId,
    pbxId: s.pbxId,
    queue: s.queue,
    callerNumber: s.caller?.number ?? '',
    callerName: s.caller?.name ?? '',
    enteredAt,
    answeredAt: s.connect?.at ?? null,
    endedAt,
    waitSeconds: s.connect?.holdTimeSeconds ?? s.abandon?.holdTimeSeconds ?? null,
    talkSeconds: s.complete?.talkTimeSeconds ?? null,
    outcome,
    hangupBy: s.complete && s.complete.reason !== 'unknown' ? s.complete.reason : s.abandon && !s.connect ? 'caller' : null,
    phoneId: s.connect?.phoneId ?? null,
    memberInterface: s.connect?.interface ?? null,
    agentId: s.connect?.agentId ?? null,
    userId: s.disposition ? s.disposition.agentId : (s.connect?.phoneId ?? null),
    attribution,
    disposition: s.disposition
      ? { agentId: s.disposition.agentId, code: s.disposition.code, note: s.disposition.note, at: s.disposition.at }
      : null,
  };
}
