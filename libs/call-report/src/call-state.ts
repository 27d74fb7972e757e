/**
 * What has been observed about one queue call in one queue. Every field is merged by a rule that
 * does not depend on arrival order (earliest, latest, set union), so the same facts in any order,
 * any number of times, give the same state: redeliveries and races between the PBX stream and
 * the event store cannot change a row.
 */
export interface CallState {
  readonly callId: string;
  readonly queue: string;
  readonly pbxId: string;
  /** From queue events only (their channel is the caller's); the earliest wins. Hangups of the
   *  agent legs share the call id but carry the agent's caller id. */
  readonly caller: { readonly at: string; readonly number: string; readonly name: string } | null;
  readonly joinedAt: string | null;
  readonly connect: {
    readonly at: string;
    readonly holdTimeSeconds: number;
    readonly ringTimeSeconds: number;
    readonly interface: string;
    readonly phoneId: string;
    readonly agentId: string | null;
  } | null;
  readonly complete: {
    readonly at: string;
    readonly talkTimeSeconds: number;
    readonly reason: 'agent' | 'caller' | 'transfer' | 'unknown';
  } | null;
  readonly abandon: { readonly at: string; readonly holdTimeSeconds: number } | null;
  readonly lastHangupAt: string | null;
  /** Members that rang without answering, sorted: who and when. */
  readonly ringNoAnswer: ReadonlyArray<{ readonly interface: string; readonly at: string }>;
  readonly disposition: {
    readonly agentId: string;
    readonly code: string;
    readonly note: string | null;
    readonly at: string;
  } | null;
}

export function emptyCallState(callId: string, queue: string): CallState {
  return {
    callId,
    queue,
    pbxId: '',
    caller: null,
    joinedAt: null,
    connect: null,
    complete: null,
    abandon: null,
    lastHangupAt: null,
    ringNoAnswer: [],
    disposition: null,
  };
}
