import { rowKeyOf, type CallFact } from './call-fact';
import { foldCall } from './reduce-call';
import { toCallRow } from './to-row';
import { captureFacts, captureTime, disposition } from './testing/capture-facts';
import { expectOrderInsensitive } from './testing/order-insensitivity';

/** queue-call-answered: a customer waits 2 s in helpdesk, 1001 answers, talks 6 s, hangs up. */
describe('call row of a real answered call (queue-call-answered)', () => {
  const facts = captureFacts('queue-call-answered');
  const key = { callId: '1795335069.14', queue: 'helpdesk' };
  const disposed = disposition(key.callId, '1001', captureTime(20_000));

  it('reads the call’s facts from the capture', () => {
    expect(facts.map((f) => (f.kind === 'pbx' ? f.event.type : f.kind))).toEqual([
      'QueueCallerJoined',
      'AgentCalled',
      'QueueCallerLeft',
      'AgentConnected',
      'Hangup',
      'Hangup',
      'AgentCompleted',
      'Hangup',
      'Hangup',
      'Hangup',
    ]);
    expect(new Set(facts.map((f) => JSON.stringify(rowKeyOf(f))))).toEqual(
      new Set([
        JSON.stringify({ kind: 'row', ...key }),
        JSON.stringify({ kind: 'call', callId: key.callId }),
      ]),
    );
  });

  it('builds the answered row, attributed to the phone that answered', () => {
    expect(toCallRow(foldCall(facts, key))).toEqual({
      callId: '1795335069.14',
      pbxId: 'pbx1',
      queue: 'helpdesk',
      direction: 'inbound',
      callerNumber: '0612345678',
      callerName: 'Customer 0612345678',
      enteredAt: captureTime(6531.067),
      answeredAt: captureTime(8545.296),
      endedAt: captureTime(14542.247),
      waitSeconds: 2,
      ringSeconds: 2,
      talkSeconds: 6,
      outcome: 'answered',
      hangupBy: 'agent',
      phoneId: 'SIP/1001',
      memberInterface: 'Local/1001@agent-phones/n',
      agentId: '1001',
      userId: 'SIP/1001',
      attribution: 'phone',
      attributionSource: 'phone',
      disposition: null,
      dispositionAt: null,
      ringNoAnswerCount: 0,
      ringNoAnswer: [],
    });
  });

  it('is the disposing agent’s once disposed, whether the disposition comes after or before the PBX events', () => {
    const expected = {
      attribution: 'agent',
      attributionSource: 'desktop-disposition',
      dispositionAt: captureTime(20_000),
      userId: '1001',
      disposition: { agentId: '1001', code: 'resolved', note: 'ok', at: captureTime(20_000) },
    };
    expect(toCallRow(foldCall([...facts, disposed], key))).toMatchObject(expected);
    expect(toCallRow(foldCall([disposed, ...facts], key))).toMatchObject(expected);
  });

  it('keeps the caller from the queue events, not from the agent legs’ hangups', () => {
    const hangupsFirst: CallFact[] = [
      ...facts.filter((f) => f.kind === 'pbx' && f.event.type === 'Hangup'),
      ...facts,
    ];
    expect(toCallRow(foldCall(hangupsFirst, key))).toMatchObject({
      callerNumber: '0612345678',
      callerName: 'Customer 0612345678',
    });
  });

  it('gives the same row for any order and any repetition of the facts (property)', () => {
    expectOrderInsensitive([...facts, disposed], key);
  });

  it('gives the same row without the AgentComplete, in any order: ended by the caller’s hangup', () => {
    const withoutComplete = facts.filter(
      (f) => !(f.kind === 'pbx' && f.event.type === 'AgentCompleted'),
    );
    // Local/s@inbound;2 (1795335069.15) is the caller's channel; the agent legs hung up earlier.
    expect(toCallRow(foldCall(withoutComplete, key)).endedAt).toBe(captureTime(14543.41));
    expectOrderInsensitive(withoutComplete, key, 100);
  });

  it('is idempotent: every fact applied twice changes nothing', () => {
    expect(
      foldCall(
        facts.flatMap((f) => [f, f]),
        key,
      ),
    ).toEqual(foldCall(facts, key));
  });
});
