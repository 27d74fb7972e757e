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
   *  and the columns above exist to filter and sort. */
  row_json: string;
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

export interface CallDispositionTable {
  call_id: string;
  event_json: string;
}

export interface CheckpointTable {
  name: string;
  position: string;
}

export interface ReportDatabase {
  call_report: CallReportTable;
  queue_members: QueueMemberTable;
  phone_agents: PhoneAgentTable;
  call_dispositions: CallDispositionTable;
  projection_checkpoints: CheckpointTable;
}
