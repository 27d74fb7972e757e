import { rowKeyOf } from './call-fact';
import { foldCall } from './reduce-call';
import { toCallRow } from './to-row';
import { captureFacts } from './testing/capture-facts';
import { expectOrderInsensitive } from './testing/order-insensitivity';

/** queue-call-transfer: three answered helpdesk calls: a blind transfer from the queue's bridge,
 *  one from the agent's own SIP channel, and one the caller ends. */
describe('call rows of real transfers (queue-call-transfer)', () => {
  const facts = captureFacts('queue-call-transfer');
  const keys = [
    ...new Map(
      facts.flatMap((f) => {
        const k = rowKeyOf(f);
        return k.kind === 'row'
          ? [[`${k.callId}/${k.queue}`, { callId: k.callId, queue: k.queue }] as const]
          : [];
      }),
    ).values(),
  ];

  it('keeps who ended each call: transfer, agent (transfer outside the queue’s bridge), caller', () => {
    const rows = keys.map((k) => toCallRow(foldCall(facts, k)));
    expect(rows.map((r) => [r.outcome, r.hangupBy, r.phoneId])).toEqual([
      ['transferred', 'transfer', 'SIP/1001'],
      ['answered', 'agent', 'SIP/1001'],
      ['answered', 'caller', 'SIP/1002'],
    ]);
    expect(rows.map((r) => r.talkSeconds)).toEqual([3, 10, 7]);
  });

  it('gives the same rows for any order and repetition (property)', () => {
    for (const key of keys) expectOrderInsensitive(facts, key, 50);
  });
});
