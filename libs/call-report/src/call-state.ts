/**
 * What has been observed about one queue call (Linkedid) in one queue. Every field is merged by a
 * rule that commutes and absorbs repeats (earliest, latest, per-key minimum, sorted set), so the
 * same facts in any order, any number of times, give the same state: redeliveries, and races
 * between the PBX stream and the event store, cannot change a row. The Report Call Table row is
 * derived from it by toCallRow; the state, not the row, is what the projection stores, because a
 * row alone cannot tell which of its values a late fact may still replace.
 */
export interface CallState {
  readonly callId: string;
  readonly queue: string;
  /** The smallest non-empty pbxId seen: one call comes from one PBX, so in practice the only one. */
  readonly pbxId: string;
  /** The caller's channel, from queue events only (their Channel is the caller's); the earliest
   *  wins. Hangups of the agent legs share the call id but carry the agent's caller id. */
  readonly caller: {
    readonly at: string;
    readonly uniqueid: string;
    readonly number: string;
    readonly name: string;
  } | null;
  readonly joinedAt: string | null;
  /** The earliest QueueCallerLeave: with neither an answer nor an abandon, the queue let the
   *  caller go (timeout, exit-empty, ExitWithTimeout). */
  readonly leftAt: string | null;
  readonly connect: {
    readonly at: string;
    readonly holdTimeSeconds: number;
    readonly ringTimeSeconds: number;
    readonly interface: string;
    readonly phoneId: string;
    readonly agentId: string | null;
    /** The member's leg in the queue's bridge (AMI DestChannel/DestUniqueid: the Local ;1 half):
     *  a transfer asked of it is the agent's. '' in states stored before it was kept. */
    readonly destChannel: string;
    readonly destUniqueid: string;
  } | null;
  readonly complete: {
    readonly at: string;
    readonly talkTimeSeconds: number;
    readonly reason: 'agent' | 'caller' | 'transfer' | 'unknown';
  } | null;
  readonly abandon: { readonly at: string; readonly holdTimeSeconds: number } | null;
  /** Earliest hangup per channel (Uniqueid) of the call; the caller's is found through `caller`,
   *  whichever of the two arrived first. */
  readonly hangups: Readonly<Record<string, string>>;
  /** Members that rang without answering, sorted by time then member: one entry per
   *  (member, time), whatever the deliveries. */
  readonly ringNoAnswer: readonly RingNoAnswerObservation[];
  /** Each agent's latest disposition of the call, sorted by agent: a call that went from one
   *  queue to another was taken, and disposed, by an agent in each (toCallRow picks the row's). */
  readonly dispositions: readonly DispositionObservation[];
  /** Successful transfers of the call (any row's, any party's), sorted by time: toCallRow counts
   *  the first one the row's agent made while on it. One entry per transfer, whatever the
   *  deliveries. */
  readonly transfers: readonly TransferObservation[];
}

/** A successful BlindTransfer or AttendedTransfer of the call, with the channels that asked for it. */
export interface TransferObservation {
  readonly at: string;
  readonly kind: 'blind' | 'attended';
  /** Transferer (blind); OrigTransferer then SecondTransferer (attended). */
  readonly transferers: ReadonlyArray<{ readonly channel: string; readonly uniqueid: string; readonly device: string }>;
}

export interface DispositionObservation {
  readonly agentId: string;
  readonly code: string;
  readonly note: string | null;
  readonly at: string;
}

export interface RingNoAnswerObservation {
  readonly interface: string;
  readonly at: string;
  /** The member's device, when the projection knew it; else the member interface. */
  readonly phoneId: string;
  /** How long it rang (AMI's RingTime, milliseconds on this event). */
  readonly ringMs: number;
}

export function emptyCallState(callId: string, queue: string): CallState {
  return {
    callId,
    queue,
    pbxId: '',
    caller: null,
    joinedAt: null,
    leftAt: null,
    connect: null,
    complete: null,
    abandon: null,
    hangups: {},
    ringNoAnswer: [],
    dispositions: [],
    transfers: [],
  };
}

/** Earlier versions kept only the latest disposition of any agent. */
function earlierDisposition(stored: CallState): DispositionObservation[] {
  const kept = (stored as { disposition?: DispositionObservation | null }).disposition;
  return kept ? [kept] : [];
}

/**
 * A state as stored by the projection (JSON), possibly by an earlier version that lacked fields
 * added since: those read as "not observed". Earlier versions kept `lastHangupAt` (any leg) instead
 * of per-channel hangups; it cannot be told apart from an agent leg's, so it is dropped. A connect
 * stored without the member's leg still matches a transfer by the phone's device (see toCallRow).
 */
export function normalizeCallState(stored: CallState): CallState {
  const s = stored as Partial<CallState> & Pick<CallState, 'callId' | 'queue'>;
  return {
    callId: s.callId,
    queue: s.queue,
    pbxId: s.pbxId ?? '',
    caller: s.caller ? { ...s.caller, uniqueid: s.caller.uniqueid ?? '' } : null,
    joinedAt: s.joinedAt ?? null,
    leftAt: s.leftAt ?? null,
    connect: s.connect ? { ...s.connect, destChannel: s.connect.destChannel ?? '', destUniqueid: s.connect.destUniqueid ?? '' } : null,
    complete: s.complete ?? null,
    abandon: s.abandon ?? null,
    hangups: s.hangups ?? {},
    // Earlier versions kept who and when only.
    ringNoAnswer: ((s.ringNoAnswer ?? []) as ReadonlyArray<Partial<RingNoAnswerObservation>>).map((r) => ({
      interface: r.interface ?? '',
      at: r.at ?? '',
      phoneId: r.phoneId ?? r.interface ?? '',
      ringMs: r.ringMs ?? 0,
    })),
    dispositions: s.dispositions ?? earlierDisposition(stored),
    // Transfers were not kept before: a stored call has none until one is applied.
    transfers: s.transfers ?? [],
  };
}
