import fs from 'node:fs';
import { rowKeyOf, type CallFact } from './call-fact';
import { foldCall } from './reduce-call';
import { toCallRow } from './to-row';
import { CAPTURES_DIR, captureFacts, captureTime, disposition } from './testing/capture-facts';
import { expectOrderInsensitive } from './testing/order-insensitivity';

/** Every row of every real capture that holds queue calls, with a disposition of each call by
 *  two agents (the later one wins): the property the projection relies on, on real sequences. */
const captures = fs
  .readdirSync(CAPTURES_DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => f.replace(/\.jsonl$/, ''))
  .sort();

function rowKeys(facts: readonly CallFact[]): Array<{ callId: string; queue: string }> {
  const keys = new Map<string, { callId: string; queue: string }>();
  for (const f of facts) {
    const k = rowKeyOf(f);
    if (k.kind === 'row') keys.set(`${k.callId}/${k.queue}`, { callId: k.callId, queue: k.queue });
  }
  return [...keys.values()];
}

describe('every row of every capture', () => {
  const withCalls = captures.filter((name) => rowKeys(captureFacts(name)).length > 0);

  it('finds the captures that hold queue calls', () => {
    expect(withCalls).toEqual([
      'phone-unregister-while-member',
      'queue-call-answered',
      'queue-call-attended-transfer',
      'queue-call-transfer',
      'queue-status',
    ]);
  });

  it.each(withCalls)('%s: same row for any order and repetition, dispositions included (property)', (name) => {
    const facts = captureFacts(name);
    for (const key of rowKeys(facts)) {
      const disposed = [
        ...facts,
        disposition(key.callId, '1001', captureTime(60_000), 'callback'),
        disposition(key.callId, '1002', captureTime(61_000), 'resolved'),
      ];
      expectOrderInsensitive(disposed, key, 60);
    }
  });

  it('gives the attended transfer its outcome: transferred by the agent after 11 s', () => {
    const facts = captureFacts('queue-call-attended-transfer');
    const [key] = rowKeys(facts);
    expect(key).toBeDefined();
    expect(toCallRow(foldCall(facts, key as { callId: string; queue: string }))).toMatchObject({
      outcome: 'transferred',
      hangupBy: 'transfer',
      talkSeconds: 11,
      phoneId: 'SIP/1001',
      attribution: 'phone',
    });
  });

  it('gives the call that found no available member its outcome: abandoned, nobody rang', () => {
    const facts = captureFacts('phone-unregister-while-member');
    const rows = rowKeys(facts).map((k) => toCallRow(foldCall(facts, k)));
    expect(rows.map((r) => [r.outcome, r.hangupBy, r.ringNoAnswerCount, r.attributionSource])).toEqual([
      ['abandoned', 'caller', 0, 'none'],
    ]);
  });
});
