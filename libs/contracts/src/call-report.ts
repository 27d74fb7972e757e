/** A row of the Report Call Table: one queue call (Linkedid) in one queue. */
export interface CallReportRow {
  readonly callId: string;
  readonly pbxId: string;
  readonly queue: string;
  /** Queue calls are inbound: the caller rang in and waited in the queue. */
  readonly direction: 'inbound';
  readonly callerNumber: string;
  readonly callerName: string;
  readonly enteredAt: string | null;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  /** In the queue until answered, abandoned or let go. */
  readonly waitSeconds: number | null;
  /** How long the phone that answered rang before it did. */
  readonly ringSeconds: number | null;
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
  /** What the attribution rests on: the agent's disposition in the desktop, or the phone that
   *  answered; 'none' for a call nobody answered. */
  readonly attributionSource: AttributionSource;
  readonly disposition: CallDispositionInfo | null;
  /** When the call was disposed (the disposition's own time), if it was. */
  readonly dispositionAt: string | null;
  /** Members that rang without answering (AgentRingNoAnswer), in time order. */
  readonly ringNoAnswerCount: number;
  readonly ringNoAnswer: readonly RingNoAnswer[];
}

/**
 * - waiting: still in the queue (or its end has not arrived yet);
 * - answered: a member answered; transferred: answered, then transferred out of the queue's bridge;
 * - abandoned: the caller hung up while waiting;
 * - timeout: the queue let the caller go unanswered (timeout, exit-empty, ExitWithTimeout).
 */
export type CallOutcome = 'waiting' | 'answered' | 'transferred' | 'abandoned' | 'timeout';
export const CALL_OUTCOMES: readonly CallOutcome[] = ['waiting', 'answered', 'transferred', 'abandoned', 'timeout'];
export type Attribution = 'agent' | 'phone' | 'none';
export const ATTRIBUTIONS: readonly Attribution[] = ['agent', 'phone', 'none'];
export type AttributionSource = 'desktop-disposition' | 'phone' | 'none';

export interface CallDispositionInfo {
  readonly agentId: string;
  readonly code: string;
  readonly note: string | null;
  readonly at: string;
}

export interface RingNoAnswer {
  readonly memberInterface: string;
  /** The member's device (state interface) when known, else the member interface. */
  readonly phoneId: string;
  readonly ringMs: number;
  readonly at: string;
}
