/** A row of the Report Call Table: one queue call (Linkedid) in one queue. */
export interface CallReportRow {
  readonly callId: string;
  readonly pbxId: string;
  readonly queue: string;
  readonly callerNumber: string;
  readonly callerName: string;
  readonly enteredAt: string | null;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  readonly waitSeconds: number | null;
  readonly talkSeconds: number | null;
  readonly outcome: CallOutcome;
  readonly hangupBy: 'agent' | 'caller' | 'transfer' | null;
  /** The device that answered: the member's state interface (SIP/1001), not the Local channel. */
  readonly phoneId: string | null;
  readonly memberInterface: string | null;
  /** The agent logged in on that phone when it answered, if any. */
  readonly agentId: string | null;
  /** The agent when the agent disposed the call in the desktop, otherwise the phone id. */
  readonly userId: string | null;
  readonly attribution: Attribution;
  readonly disposition: CallDispositionInfo | null;
}

export type CallOutcome = 'waiting' | 'answered' | 'abandoned';
export type Attribution = 'agent' | 'phone' | 'none';

export interface CallDispositionInfo {
  readonly agentId: string;
  readonly code: string;
  readonly note: string | null;
  readonly at: string;
}
