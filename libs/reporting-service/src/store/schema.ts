import type { Generated } from 'kysely';

/** Kysely table types of the reporting database (same schema on SQLite and PostgreSQL). */
export interface CallReportTable {
  call_id: string;
  queue: string;
  pbx_id: string;
  caller_number: string;
  /** ISO 8601 UTC text: sorts and compares the same on both engines. */
  entered_at: string | null;
  outcome: string;
  phone_id: string | null;
  agent_id: string | null;
  user_id: string | null;
  attribution: string;
  /** The call's observed state (call-report's CallState); the row is derived from it on read,
   *  and the other columns exist to filter, sort and aggregate. */
  row_json: string;
  // Since 0002. Rows written before it hold nulls here until a rebuild.
  /** entered_at, or '' when unknown: never null, so it can lead the keyset (cursor) order. */
  sort_at: string;
  caller_name: string | null;
  answered_at: string | null;
  ended_at: string | null;
  wait_seconds: number | null;
  ring_seconds: number | null;
  talk_seconds: number | null;
  hangup_by: string | null;
  attribution_source: string | null;
  disposition_code: string | null;
  ring_no_answer_count: number | null;
}

export interface QueueMemberTable {
  pbx_id: string;
  queue: string;
  interface: string;
  state_interface: string;
}

export interface PhoneAgentTable {
  pbx_id: string;
  state_interface: string;
  queue: string;
  agent_id: string;
}

/** A session of an agent on a phone (AgentLoggedIn to AgentLoggedOut); since 0008. */
export interface PhoneSessionTable {
  pbx_id: string;
  state_interface: string;
  queue: string;
  agent_id: string;
  /** ISO 8601 UTC; '' for a session open since before 0008 (its login time unknown). */
  logged_in_at: string;
  /** null while the agent is logged in. */
  logged_out_at: string | null;
}

export interface CallDispositionTable {
  call_id: string;
  event_json: string;
}

/** The latest disposition of a call per PBX ('' when it named none) and agent, kept for rows to come. */
export interface CallDispositionKeptTable {
  call_id: string;
  pbx_id: string;
  agent_id: string;
  event_json: string;
}

export interface CheckpointTable {
  name: string;
  position: string;
}

/** PBX events as the projection applied them, in that order (id, then place in the array):
 *  what a rebuild replays. One row per projection batch. */
export interface PbxEventJournalTable {
  id: Generated<number | string>;
  event_count: number;
  /** JSON array of PbxEvent, raw-deflated (see journal-codec). */
  events: Buffer;
}

/** Row counts kept by the projection of 0004's release; since 0006 written only by replicas of
 *  that release during a rolling upgrade, and read by nobody (call_totals replaced it). */
export interface CallCountsTable {
  key: string;
  /** bigint: PostgreSQL hands it over as text. */
  calls: number | string;
}

/** Row counts kept by triggers on call_report (store/call-counts.ts); since 0006. */
export interface CallTotalsTable {
  key: string;
  /** bigint: PostgreSQL hands it over as text. */
  calls: number | string;
}

export interface ReportDatabase {
  call_report: CallReportTable;
  call_totals: CallTotalsTable;
  call_counts: CallCountsTable;
  queue_members: QueueMemberTable;
  phone_agents: PhoneAgentTable;
  phone_sessions: PhoneSessionTable;
  call_dispositions: CallDispositionTable;
  call_dispositions_kept: CallDispositionKeptTable;
  projection_checkpoints: CheckpointTable;
  pbx_event_journal: PbxEventJournalTable;
}

/** The tables the projection builds from the logs: what a rebuild makes afresh and swaps in.
 *  (kysely_migration* stay: they describe the schema, not the data.) */
export const PROJECTION_TABLES = [
  'call_report',
  'call_totals',
  'call_counts',
  'queue_members',
  'phone_agents',
  'phone_sessions',
  'call_dispositions',
  'call_dispositions_kept',
  'projection_checkpoints',
] as const satisfies ReadonlyArray<keyof ReportDatabase>;

/** SQLite only: the trigram index of the searched columns (migration 0012), an FTS5 table whose
 *  rows are call_report's rowids, kept by triggers on call_report; a rebuild makes it afresh with
 *  the other projection tables. PostgreSQL's is an index of call_report. Not in ReportDatabase:
 *  only raw SQL reads it (query/call-search.ts). */
export const SQLITE_SEARCH_TABLE = 'call_report_search';
