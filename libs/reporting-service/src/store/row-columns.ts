import { toCallRow, type CallState } from '@switchboard/call-report';
import type { Insertable } from 'kysely';
import type { CallReportTable } from './schema';

/** The stored form of a row: its state as JSON, and the row's values that queries filter,
 *  sort and aggregate on. */
export function rowColumns(state: CallState): Insertable<CallReportTable> {
  const row = toCallRow(state);
  return {
    call_id: row.callId,
    queue: row.queue,
    pbx_id: row.pbxId,
    caller_number: row.callerNumber,
    caller_name: row.callerName,
    entered_at: row.enteredAt,
    sort_at: row.enteredAt ?? '',
    answered_at: row.answeredAt,
    ended_at: row.endedAt,
    wait_seconds: row.waitSeconds,
    ring_seconds: row.ringSeconds,
    talk_seconds: row.talkSeconds,
    outcome: row.outcome,
    hangup_by: row.hangupBy,
    phone_id: row.phoneId,
    agent_id: row.agentId,
    user_id: row.userId,
    attribution: row.attribution,
    attribution_source: row.attributionSource,
    disposition_code: row.disposition?.code ?? null,
    ring_no_answer_count: row.ringNoAnswerCount,
    row_json: JSON.stringify(state),
  };
}

/** The columns an upsert replaces (all but the key). */
export const UPDATABLE_COLUMNS = [
  'pbx_id',
  'caller_number',
  'caller_name',
  'entered_at',
  'sort_at',
  'answered_at',
  'ended_at',
  'wait_seconds',
  'ring_seconds',
  'talk_seconds',
  'outcome',
  'hangup_by',
  'phone_id',
  'agent_id',
  'user_id',
  'attribution',
  'attribution_source',
  'disposition_code',
  'ring_no_answer_count',
  'row_json',
] as const satisfies ReadonlyArray<keyof CallReportTable>;
