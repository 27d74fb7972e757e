import { foldCall } from './reduce-call';
import { toCallRow } from './to-row';
import { captureFacts, captureTime, disposition } from './testing/capture-facts';
import { expectOrderInsensitive } from './testing/order-insensitivity';

/** queue-status: a caller waits 20 s in helpdesk, whose members are all paused, and gives up. */
describe('call row of a real abandoned call (queue-status)', () => {
  const facts = captureFacts('queue-status');
  const key = { callId: '1795335099.19', queue: 'helpdesk' };

  it('builds the abandoned row, attributed to nobody', () => {
    expect(toCallRow(foldCall(facts, key))).toEqual({
      callId: '1795335099.19',
      pbxId: 'pbx1',
      queue: 'helpdesk',
      direction: 'inbound',
      callerNumber: '0633000001',
      callerName: 'Customer 0633000001',
      enteredAt: captureTime(6006.586),
      answeredAt: null,
      endedAt: captureTime(25508.286),
      waitSeconds: 20,
      ringSeconds: null,
      talkSeconds: null,
      outcome: 'abandoned',
      hangupBy: 'caller',
      phoneId: null,
      memberInterface: null,
      agentId: null,
      userId: null,
      attribution: 'none',
      attributionSource: 'none',
      disposition: null,
      dispositionAt: null,
      ringNoAnswerCount: 0,
      ringNoAnswer: [],
    });
  });

  it('does not attribute an unanswered row to an agent who disposed the call', () => {
    expect(
      toCallRow(foldCall([...facts, disposition(key.callId, '1002', captureTime(30_000))], key)),
    ).toMatchObject({
      attribution: 'none',
      userId: null,
      disposition: null,
    });
  });

  it('gives the same row for any order and any repetition of the facts (property)', () => {
    expectOrderInsensitive(facts, key);
  });

  it('shows the caller waiting until the abandon arrives, and abandoned at the caller’s hangup if it never does (lost in an AMI outage)', () => {
    const beforeAbandon = facts.filter(
      (f) =>
        !(
          f.kind === 'pbx' &&
          (f.event.type === 'QueueCallerAbandoned' || f.event.type === 'QueueCallerLeft')
        ),
    );
    expect(
      toCallRow(
        foldCall(
          beforeAbandon.filter((f) => f.kind === 'pbx' && f.event.type !== 'Hangup'),
          key,
        ),
      ),
    ).toMatchObject({
      outcome: 'waiting',
      endedAt: null,
    });
    // Only the hangup of the caller's own channel (…99.20) ends it, not the originating Local;1:
    // the caller is gone unanswered, as the lost abandon would have said (20 s of waiting).
    expect(toCallRow(foldCall(beforeAbandon, key))).toMatchObject({
      outcome: 'abandoned',
      hangupBy: 'caller',
      endedAt: captureTime(25508.986),
      waitSeconds: 20,
      attribution: 'none',
    });
    expectOrderInsensitive(beforeAbandon, key);
  });
});
