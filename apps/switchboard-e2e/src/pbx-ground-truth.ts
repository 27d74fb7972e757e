import type { ActionLog, AmiFields, PbxSimulator } from '@switchboard/pbx-sim';

/** One queue call as the PBX itself saw it: the row the Report Call Table must hold for it. */
export interface TrueCall {
  readonly callId: string;
  readonly queue: string;
  outcome: 'waiting' | 'answered' | 'abandoned';
  /** The member interface that answered (Local/1003@agent-phones/n). */
  memberInterface: string | null;
  /** Positions of the call's first and last event among all events the PBX raised (see `mark`). */
  readonly firstEvent: number;
  lastEvent: number;
}

const field = (fields: AmiFields, name: string): string | undefined => fields.find(([k]) => k === name)?.[1];

/**
 * What really happened on the simulated PBX, recorded from the events it raised and the actions
 * it received — independent of anything our services report. Scale-out tests compare the
 * services' view (report rows, agent states) with this, and count the actions per member to
 * catch a decision carried out twice.
 */
export class PbxGroundTruth {
  private readonly callsByKey = new Map<string, TrueCall>();
  private readonly callsOf = new Map<string, TrueCall[]>();
  private readonly actions: Array<{ action: string; queue: string; iface: string }> = [];
  private events = 0;

  constructor(sim: PbxSimulator) {
    sim.on('ami-event', (fields) => this.onEvent(fields));
    sim.on('action', (log) => this.onAction(log));
  }

  get calls(): TrueCall[] {
    return [...this.callsByKey.values()];
  }

  /** The position of the next event: calls whose events all lie before (or after) a mark did not
   *  live through what happened at that moment. */
  mark(): number {
    return this.events;
  }

  /** How often `action` (QueueAdd, QueueRemove) reached the PBX for this member of `queue`. */
  actionCount(action: string, queue: string, iface: string): number {
    return this.actions.filter((a) => a.action === action && a.queue === queue && a.iface === iface).length;
  }

  private onEvent(fields: AmiFields): void {
    const position = this.events++;
    const name = field(fields, 'Event');
    const linkedid = field(fields, 'Linkedid');
    if (!linkedid) return;
    // Every event of a known call (Hangup and Newstate too) moves its last position on.
    for (const call of this.callsOf.get(linkedid) ?? []) call.lastEvent = position;
    const queue = field(fields, 'Queue');
    if (!queue) return;
    const key = `${linkedid}|${queue}`;
    if (name === 'QueueCallerJoin') {
      if (!this.callsByKey.has(key)) {
        const call: TrueCall = { callId: linkedid, queue, outcome: 'waiting', memberInterface: null, firstEvent: position, lastEvent: position };
        this.callsByKey.set(key, call);
        this.callsOf.set(linkedid, [...(this.callsOf.get(linkedid) ?? []), call]);
      }
      return;
    }
    const call = this.callsByKey.get(key);
    if (!call) return;
    if (name === 'AgentConnect') {
      call.outcome = 'answered';
      call.memberInterface = field(fields, 'Interface') ?? null;
    } else if (name === 'QueueCallerAbandon') {
      call.outcome = 'abandoned';
    }
  }

  private onAction(log: ActionLog): void {
    // The simulator's summary is `Key=Value` pairs separated by spaces; interfaces hold no spaces.
    const pairs = new Map(log.summary.split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')).toLowerCase(), kv.slice(kv.indexOf('=') + 1)]));
    this.actions.push({ action: log.action, queue: pairs.get('queue') ?? '', iface: pairs.get('interface') ?? '' });
  }
}
