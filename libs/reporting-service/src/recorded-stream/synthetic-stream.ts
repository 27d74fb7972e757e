import {
  AGENT_EVENT_SCHEMA_VERSION,
  PBX_EVENT_SCHEMA_VERSION,
  type AgentEvent,
  type PbxEvent,
  type PbxEventBody,
} from '@switchboard/contracts';

/**
 * A recorded stream of both logs for the kill test and the benchmarks: queue calls shaped like
 * the real captures (queue-call-answered, queue-call-transfer, queue-status), one call after the
 * other (within a call, in an order the captures show or the reducer must accept), each
 * entry with its position in its own log. Deterministic for a seed, generated lazily (a million
 * events never sit in memory at once).
 */
export type StreamEntry =
  | { readonly source: 'pbx'; readonly seq: number; readonly event: PbxEvent }
  | { readonly source: 'agent'; readonly position: number; readonly event: AgentEvent };

export interface SyntheticStreamOptions {
  readonly calls: number;
  readonly seed?: number;
  readonly pbxId?: string;
  /** The AMI login the events come from: a PBX event is known by (pbx, connection, frame). */
  readonly connectionId?: string;
  /** First call's time (ms since epoch); each call has a 2-minute slot after the previous one. */
  readonly startMs?: number;
}

const AGENTS = ['1001', '1002', '1003'] as const;
const QUEUES = ['helpdesk', 'sales'] as const;
const SLOT_MS = 120_000;

/** mulberry32: small, fast and good enough to vary calls reproducibly (the specs that make their
 *  own streams use it too). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const member = (agent: string, queue: string) => ({
  queue,
  interface: `Local/${agent}@agent-phones/n`,
  memberName: `Agent ${agent}`,
  stateInterface: `SIP/${agent}`,
});

export function* syntheticStream(options: SyntheticStreamOptions): Generator<StreamEntry> {
  const rnd = seededRandom(options.seed ?? 1);
  const pbxId = options.pbxId ?? 'pbx1';
  const start = options.startMs ?? Date.UTC(2026, 10, 2, 8, 0, 0);
  let seq = 0;
  let position = 0;
  let frame = 0;
  const iso = (ms: number) => new Date(ms).toISOString();
  const pbx = (body: PbxEventBody, ms: number): StreamEntry => ({
    source: 'pbx',
    seq: ++seq,
    event: {
      ...body,
      metadata: { schemaVersion: PBX_EVENT_SCHEMA_VERSION, pbxId, connectionId: options.connectionId ?? 'recorded', seq: ++frame, occurredAt: iso(ms) },
    } as PbxEvent,
  });
  const agent = (event: Omit<AgentEvent, 'metadata'>, ms: number): StreamEntry => ({
    source: 'agent',
    position: ++position,
    event: { ...event, metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: iso(ms) } } as AgentEvent,
  });

  // Agents log in by feature code: the PBX adds the member, agent-session records the login.
  for (const [i, a] of AGENTS.entries()) {
    for (const q of QUEUES) {
      const ms = start - 60_000 + i * 1000;
      yield pbx({ type: 'QueueMemberAdded', data: { ...member(a, q), membership: 'dynamic', penalty: 0, callsTaken: 0, inCall: false, status: 'not_in_use', paused: false, pausedReason: '' } }, ms);
      yield agent({ type: 'AgentLoggedIn', data: { ...member(a, q), agentId: a, pbxId, via: 'feature-code', at: iso(ms), paused: false } } as Omit<AgentEvent, 'metadata'>, ms + 10);
    }
  }

  for (let i = 0; i < options.calls; i++) {
    const t0 = start + i * SLOT_MS;
    const linkedid = `${Math.floor(t0 / 1000)}.${i * 4}`;
    const caller = {
      channel: `SIP/trunk-${i.toString(16).padStart(8, '0')}`,
      uniqueid: linkedid,
      linkedid,
      callerIdNum: `06${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
      callerIdName: `Customer ${i}`,
    };
    const queue = QUEUES[Math.floor(rnd() * QUEUES.length)] as string;
    const who = AGENTS[Math.floor(rnd() * AGENTS.length)] as string;
    const other = AGENTS[(AGENTS.indexOf(who as (typeof AGENTS)[number]) + 1) % AGENTS.length] as string;
    const m = member(who, queue);
    const legOf = (a: string) => ({ destChannel: `Local/${a}@agent-phones-${i};1`, destUniqueid: `${linkedid.split('.')[0]}.${i * 4 + 1}` });
    const kind = rnd();
    const wait = 1 + Math.floor(rnd() * 40);
    const talk = 5 + Math.floor(rnd() * 300) % 100;
    const rangOut = rnd() < 0.3;

    yield pbx({ type: 'QueueCallerJoined', data: { ...caller, queue, position: 1, count: 1 } }, t0);
    if (rangOut) {
      yield pbx({ type: 'AgentCalled', data: { ...caller, ...member(other, queue), ...legOf(other) } }, t0 + 100);
      yield pbx({ type: 'AgentRingNoAnswer', data: { ...caller, ...member(other, queue), ...legOf(other), ringTimeSeconds: 15 } }, t0 + 15_100);
    }
    yield pbx({ type: 'AgentCalled', data: { ...caller, ...m, ...legOf(who) } }, t0 + 200);
    if (kind < 0.7) {
      // Answered: QueueCallerLeave comes just before AgentConnect, as in the captures.
      const answerMs = t0 + wait * 1000;
      const endMs = answerMs + talk * 1000;
      const reason = kind < 0.55 ? 'agent' : kind < 0.65 ? 'caller' : 'transfer';
      yield pbx({ type: 'QueueCallerLeft', data: { ...caller, queue, position: 1, count: 0 } }, answerMs - 5);
      yield pbx({ type: 'AgentConnected', data: { ...caller, ...m, ...legOf(who), holdTimeSeconds: wait, ringTimeSeconds: 2 } }, answerMs);
      yield pbx({ type: 'Hangup', data: { channel: `SIP/${who}-${i}`, uniqueid: `${linkedid.split('.')[0]}.${i * 4 + 2}`, linkedid, callerIdNum: who, callerIdName: `Agent ${who}`, cause: 16, causeText: 'Normal Clearing' } }, endMs - 2);
      yield pbx({ type: 'AgentCompleted', data: { ...caller, ...m, ...legOf(who), holdTimeSeconds: wait, talkTimeSeconds: talk, reason } }, endMs);
      yield pbx({ type: 'Hangup', data: { ...caller, cause: 16, causeText: 'Normal Clearing' } }, endMs + 3);
      if (rnd() < 0.5) {
        yield agent({ type: 'CallDisposed', data: { agentId: who, callId: linkedid, code: rnd() < 0.5 ? 'resolved' : 'callback', note: 'synthetic', at: iso(endMs + 5000) } }, endMs + 5000);
      }
    } else if (kind < 0.9) {
      const abandonMs = t0 + wait * 1000;
      yield pbx({ type: 'QueueCallerAbandoned', data: { ...caller, queue, position: 1, originalPosition: 1, holdTimeSeconds: wait } }, abandonMs);
      yield pbx({ type: 'QueueCallerLeft', data: { ...caller, queue, position: 1, count: 0 } }, abandonMs + 1);
      yield pbx({ type: 'Hangup', data: { ...caller, cause: 16, causeText: 'Normal Clearing' } }, abandonMs + 2);
    } else {
      // The queue's timeout lets the caller go to the next step of the dialplan.
      const leftMs = t0 + 60_000;
      yield pbx({ type: 'AgentRingNoAnswer', data: { ...caller, ...m, ...legOf(who), ringTimeSeconds: 15 } }, t0 + 15_200);
      yield pbx({ type: 'QueueCallerLeft', data: { ...caller, queue, position: 1, count: 0 } }, leftMs);
      yield pbx({ type: 'Hangup', data: { ...caller, cause: 16, causeText: 'Normal Clearing' } }, leftMs + 20_000);
    }
  }
}
