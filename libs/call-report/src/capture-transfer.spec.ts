import { rowKeyOf, type CallFact } from './call-fact';
import { foldCall } from './reduce-call';
import { toCallRow } from './to-row';
import { captureFacts, captureTime } from './testing/capture-facts';
import { expectOrderInsensitive } from './testing/order-insensitivity';

function rowKeys(facts: readonly CallFact[]): Array<{ callId: string; queue: string }> {
  return [
    ...new Map(
      facts.flatMap((f) => {
        const k = rowKeyOf(f);
        return k.kind === 'row'
          ? [[`${k.callId}/${k.queue}`, { callId: k.callId, queue: k.queue }] as const]
          : [];
      }),
    ).values(),
  ];
}

const withoutAgentComplete = (facts: readonly CallFact[]) =>
  facts.filter((f) => !(f.kind === 'pbx' && f.event.type === 'AgentCompleted'));

/** queue-call-transfer: three answered helpdesk calls: a blind transfer from the queue's bridge,
 *  one from the agent's own SIP channel, and one the caller ends. */
describe('call rows of real transfers (queue-call-transfer)', () => {
  const facts = captureFacts('queue-call-transfer');
  const keys = rowKeys(facts);

  it('reads both BlindTransfer events as transfers of their calls', () => {
    const transfers = facts.flatMap((f) =>
      f.kind === 'pbx' && f.event.type === 'CallTransferred' ? [[rowKeyOf(f), f.event.data.transferer.channel]] : [],
    );
    expect(transfers).toEqual([
      [{ kind: 'call', callId: keys[0]?.callId }, 'Local/1001@agent-phones-00000001;1'],
      [{ kind: 'call', callId: keys[1]?.callId }, 'SIP/1001-00000006'],
    ]);
  });

  it('keeps who ended each call: transfer (from the queue’s bridge, and from the handset), caller', () => {
    const rows = keys.map((k) => toCallRow(foldCall(facts, k)));
    // Call 2 was transferred from the agent's handset (BlindTransfer of SIP/1001-00000006): the
    // queue's bridge stays up, so Asterisk's AgentComplete comes only when the target (1003) hangs
    // up, with Reason agent and a TalkTime of 10 s that counts 1003's talk. The BlindTransfer
    // says what happened: the agent transferred the call after 3 s of its own talk, ending there.
    expect(rows.map((r) => [r.outcome, r.hangupBy, r.phoneId, r.talkSeconds])).toEqual([
      ['transferred', 'transfer', 'SIP/1001', 3],
      ['transferred', 'transfer', 'SIP/1001', 3],
      ['answered', 'caller', 'SIP/1002', 7],
    ]);
    // Call 1 ends at its AgentComplete (Reason transfer, right after the transfer); call 2 at the
    // BlindTransfer (frame at 26073.371 ms), not at its AgentComplete 7 s later.
    expect(rows[1]).toMatchObject({ answeredAt: captureTime(23070.138), endedAt: captureTime(26073.371) });
    expect(rows[0]?.endedAt).toBe(captureTime(11542.348));
  });

  it('reads transferred from the BlindTransfer alone, before (or without) the AgentComplete', () => {
    const rows = keys.map((k) => toCallRow(foldCall(withoutAgentComplete(facts), k)));
    // Call 1 by the member's leg (AgentConnect's DestChannel), call 2 by the phone's device.
    expect(rows.map((r) => [r.outcome, r.hangupBy, r.talkSeconds])).toEqual([
      ['transferred', 'transfer', 3],
      ['transferred', 'transfer', 3],
      ['answered', null, null],
    ]);
  });

  it('gives the same rows for any order and repetition (property)', () => {
    for (const key of keys) expectOrderInsensitive(facts, key, 50);
  });
});

/** queue-call-attended-transfer: 1001 answers a helpdesk call and Atxfer's it (member leg) to 1003. */
describe('call row of a real attended transfer (queue-call-attended-transfer)', () => {
  const facts = captureFacts('queue-call-attended-transfer');
  const [key] = rowKeys(facts) as [{ callId: string; queue: string }];

  it('records the AttendedTransfer on the call, by the member’s leg in the queue’s bridge', () => {
    expect(foldCall(facts, key).transfers).toEqual([
      {
        at: captureTime(19034.383),
        kind: 'attended',
        transferers: [
          { channel: 'Local/1001@agent-phones-00000046;1', uniqueid: '1795337777.190', device: 'Local/1001@agent-phones' },
          { channel: 'Local/1001@agent-phones-00000046;1', uniqueid: '1795337777.190', device: 'Local/1001@agent-phones' },
        ],
      },
    ]);
  });

  it('keeps the AgentComplete’s account when it says transfer (TalkTime 11 s, its time)', () => {
    expect(toCallRow(foldCall(facts, key))).toMatchObject({
      outcome: 'transferred',
      hangupBy: 'transfer',
      talkSeconds: 11,
      endedAt: captureTime(19035.669),
    });
  });

  it('reads transferred from the AttendedTransfer alone, before (or without) the AgentComplete', () => {
    expect(toCallRow(foldCall(withoutAgentComplete(facts), key))).toMatchObject({
      outcome: 'transferred',
      hangupBy: 'transfer',
      // Answered at 8517.482 ms, transferred at 19034.383 ms.
      talkSeconds: 11,
      endedAt: captureTime(19034.383),
    });
  });

  it('gives the same row for any order and repetition, with or without the AgentComplete (property)', () => {
    expectOrderInsensitive(facts, key, 50);
    expectOrderInsensitive(withoutAgentComplete(facts), key, 50);
  });
});
