import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { AmiFrameParser, mapAmiEvent } from '@switchboard/ami';
import {
  AGENT_EVENT_SCHEMA_VERSION,
  PBX_EVENT_SCHEMA_VERSION,
  type CallDisposed,
  type PbxEvent,
} from '@switchboard/contracts';
import { reduceCall, type CallFact, type CallPbxEvent } from './reduce-call';
import { toCallRow } from './to-row';
import type { CallState } from './call-state';

const CAPTURES = process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../shared/ami-captures');
const CALL_TYPES = new Set(['QueueCallerJoined', 'QueueCallerLeft', 'QueueCallerAbandoned', 'AgentCalled', 'AgentConnected', 'AgentCompleted', 'AgentRingNoAnswer', 'Hangup']);

/** The queue-call facts of a capture, as the gateway would publish them (times from the capture). */
function callFacts(name: string): CallFact[] {
  const frames = fs
    .readFileSync(path.join(CAPTURES, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { t: number; dir: string; raw: string })
    .filter((f) => f.dir === 'in');
  const parser = new AmiFrameParser();
  const facts: CallFact[] = [];
  frames.forEach((frame, seq) => {
    for (const parsed of parser.push(frame.raw)) {
      if (parsed.kind !== 'message' || parsed.message.kind !== 'event' || parsed.message.actionId) continue;
      const body = mapAmiEvent(parsed.message);
      if (!CALL_TYPES.has(body.type)) continue;
      const event = {
        ...body,
        metadata: {
          schemaVersion: PBX_EVENT_SCHEMA_VERSION,
          pbxId: 'pbx1',
          connectionId: 'c1',
          seq,
          occurredAt: new Date(Date.UTC(2026, 10, 22, 8, 0, 0) + frame.t).toISOString(),
        },
      } as PbxEvent as CallPbxEvent;
      facts.push(
        event.type === 'AgentConnected'
          ? { kind: 'pbx', event, member: { stateInterface: 'SIP/1001', agentId: '1001' } }
          : ({ kind: 'pbx', event } as CallFact),
      );
    }
  });
  return facts;
}

function keyOf(fact: CallFact): { callId: string; queue: string } | undefined {
  if (fact.kind === 'disposition') return undefined;
  return 'queue' in fact.event.data ? { callId: fact.event.data.linkedid, queue: fact.event.data.queue } : undefined;
}

/** Folds facts for one call and queue the way the projection does: queue facts to their row,
 *  hangups and dispositions to the row of their call. */
function fold(facts: readonly CallFact[], key: { callId: string; queue: string }): CallState | undefined {
  let state: CallState | undefined;
  for (const fact of facts) {
    const k = keyOf(fact);
    const callId = fact.kind === 'disposition' ? fact.event.data.callId : fact.event.data.linkedid;
    if (callId !== key.callId) continue;
    if (k && k.queue !== key.queue) continue;
    state = reduceCall(state, fact, key);
  }
  return state;
}

function disposition(callId: string, agentId: string, at: string): CallFact {
  const event: CallDisposed = {
    type: 'CallDisposed',
    data: { agentId, callId, code: 'resolved', note: 'ok', at },
    metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at },
  };
  return { kind: 'disposition', event };
}

describe('call reducer on a real answered call (queue-call-answered)', () => {
  const facts = callFacts('queue-call-answered');
  const key = keyOf(facts.find((f) => f.kind === 'pbx' && f.event.type === 'QueueCallerJoined') as CallFact) as { callId: string; queue: string };

  it('builds the answered row, attributed to the phone', () => {
    const row = toCallRow(fold(facts, key) as CallState);
    expect(row).toMatchObject({
      callId: '1795335069.14',
      queue: 'helpdesk',
      callerNumber: '0612345678',
      callerName: 'Customer 0612345678',
      outcome: 'answered',
      waitSeconds: 2,
      talkSeconds: 6,
      hangupBy: 'agent',
      phoneId: 'SIP/1001',
      memberInterface: 'Local/1001@agent-phones/n',
      agentId: '1001',
      attribution: 'phone',
      userId: 'SIP/1001',
      disposition: null,
    });
    expect(row.enteredAt && row.answeredAt && row.endedAt).toBeTruthy();
    expect((row.enteredAt as string) < (row.answeredAt as string)).toBe(true);
    expect((row.answeredAt as string) < (row.endedAt as string)).toBe(true);
  });

  it('attributes the call to the agent once the agent disposed it', () => {
    const row = toCallRow(fold([...facts, disposition(key.callId, '1001', '2026-11-22T08:01:00.000Z')], key) as CallState);
    expect(row).toMatchObject({ attribution: 'agent', userId: '1001', disposition: { agentId: '1001', code: 'resolved' } });
  });

  it('gives the same row for any order and any repetition of the facts (property)', () => {
    const all = [...facts, disposition(key.callId, '1001', '2026-11-22T08:01:00.000Z')];
    const expected = toCallRow(fold(all, key) as CallState);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
        fc.array(fc.nat(all.length - 1), { maxLength: 20 }),
        (shuffled, duplicates) => {
          const withDups = [...shuffled];
          for (const i of duplicates) withDups.splice(i % (withDups.length + 1), 0, all[i]);
          expect(toCallRow(fold(withDups, key) as CallState)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is idempotent: every fact applied twice changes nothing', () => {
    const once = fold(facts, key);
    const twice = fold(facts.flatMap((f) => [f, f]), key);
    expect(twice).toEqual(once);
  });
});

describe('call reducer on real abandons and transfers', () => {
  it('builds an abandoned row with its wait, attributed to nobody (queue-status)', () => {
    const facts = callFacts('queue-status');
    const abandon = facts.find((f) => f.kind === 'pbx' && f.event.type === 'QueueCallerAbandoned') as CallFact;
    const key = keyOf(abandon) as { callId: string; queue: string };
    const row = toCallRow(fold(facts, key) as CallState);
    expect(row).toMatchObject({ outcome: 'abandoned', attribution: 'none', userId: null, phoneId: null, hangupBy: 'caller', answeredAt: null });
    expect(row.waitSeconds).toBeGreaterThan(0);
    expect(row.endedAt).not.toBeNull();
  });

  it('keeps the transfer reason of a blind transfer (queue-call-transfer)', () => {
    const facts = callFacts('queue-call-transfer');
    const keys = new Map<string, { callId: string; queue: string }>();
    for (const f of facts) {
      const k = keyOf(f);
      if (k) keys.set(`${k.callId}/${k.queue}`, k);
    }
    const rows = [...keys.values()].map((k) => toCallRow(fold(facts, k) as CallState));
    expect(rows.filter((r) => r.outcome === 'answered')).toHaveLength(3);
    expect(rows.map((r) => r.hangupBy).sort()).toEqual(['agent', 'caller', 'transfer']);
  });
});
