/** What GET /api/admin/reporting/rebuild shows: where the last (or the running) rebuild is. */
export interface RebuildStatus {
  readonly state: 'idle' | 'running' | 'done' | 'failed';
  /** agent-events: reading dispositions and sessions from the event store; pbx-journal: replaying
   *  the PBX events; swapping: catching up under the live projection's lock, then the swap. */
  readonly phase: 'agent-events' | 'pbx-journal' | 'swapping' | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly agentEventsApplied: number;
  readonly pbxEventsApplied: number;
  /** PBX events in the journal when the rebuild started: pbxEventsApplied / this is the progress. */
  readonly pbxEventsTotal: number;
  /** Rows of the new table once swapped in. */
  readonly rows: number | null;
  readonly error: string | null;
}

export const IDLE: RebuildStatus = {
  state: 'idle',
  phase: null,
  startedAt: null,
  finishedAt: null,
  agentEventsApplied: 0,
  pbxEventsApplied: 0,
  pbxEventsTotal: 0,
  rows: null,
  error: null,
};
