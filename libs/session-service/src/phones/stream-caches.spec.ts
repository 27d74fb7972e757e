import { parseDirectory, type AgentEntry } from '@switchboard/agent-domain';
import { streamNames } from '@switchboard/contracts';
import { InMemoryEventStore, type EventStore, type ReadStreamOptions } from '@switchboard/event-store';
import { hashSecret } from '@switchboard/platform';
import { PinChecker } from '../auth/pin-checker';
import { MobileClaims, mobileStream } from './mobile-claims.service';
import { PhoneClaims } from './phone-claims.service';

/** A replica's view of one shared store, recording how it read each stream. */
function replicaOf(store: EventStore): { store: EventStore; reads: Array<{ stream: string; from: bigint | undefined }> } {
  const reads: Array<{ stream: string; from: bigint | undefined }> = [];
  return {
    reads,
    store: {
      append: (stream, events, expected) => store.append(stream, events, expected),
      readStream: (stream: string, options?: ReadStreamOptions) => {
        reads.push({ stream, from: options?.fromRevision });
        return store.readStream(stream, options);
      },
      subscribeToAll: (options) => store.subscribeToAll(options),
      close: () => store.close(),
    },
  };
}
const readsOf = (reads: ReturnType<typeof replicaOf>['reads'], stream: string) => reads.filter((r) => r.stream === stream);

/**
 * Phone, seat, PIN and mobile-number commands go through the command shell's bounded state cache,
 * as agent commands do: once a stream is folded, a replica reads only what was appended after the
 * revision it holds — and what another replica appended meanwhile is folded in before it decides.
 */
describe('phone, seat, PIN and mobile streams through the state cache', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, s)).toISOString();

  it('reads a phone and a seat from the revision it holds, and sees another replica’s release', async () => {
    const shared = new InMemoryEventStore();
    const a = replicaOf(shared);
    const claimsA = new PhoneClaims(a.store);
    const claimsB = new PhoneClaims(shared);
    await claimsA.claim({ agentId: '1004', phoneId: 'desk-1', via: 'desktop', commandId: 'c1', at: at(0), mayMove: false });
    // Replica B lets the phone go: A's cached states are now behind.
    await claimsB.release('1004', 'desk-1', 'logout', 'desktop', 'r1', at(1));
    a.reads.length = 0;
    expect(await claimsA.phone('desk-1')).toMatchObject({ status: 'free' });
    expect(await claimsA.seat('1004')).toEqual({ status: 'empty' });
    // Only what came after the cached revisions was read (the claim's event is revision 0).
    expect(readsOf(a.reads, streamNames.phone('desk-1'))).toEqual([{ stream: streamNames.phone('desk-1'), from: 1n }]);
    expect(readsOf(a.reads, streamNames.seat('1004'))).toEqual([{ stream: streamNames.seat('1004'), from: 1n }]);
    // And A decides on the state B left: another agent may claim the phone through A.
    await claimsA.claim({ agentId: '1005', phoneId: 'desk-1', via: 'desktop', commandId: 'c2', at: at(2), mayMove: false });
    expect(await claimsB.phone('desk-1')).toMatchObject({ status: 'claimed', agentId: '1005' });
  });

  it('counts wrong PINs tried on two replicas together, reading only the newer attempts', async () => {
    const agent: AgentEntry = { id: '1001', name: 'One', line: 'SIP/1001', queues: ['helpdesk'], pinHash: await hashSecret('1234') };
    const directory = parseDirectory({ pbxId: 'pbx1', pinPolicy: { maxAttempts: 3, lockoutSeconds: 90 }, queues: [{ name: 'helpdesk' }], agents: [agent] });
    const shared = new InMemoryEventStore();
    const a = replicaOf(shared);
    const [pinsA, pinsB] = [new PinChecker(a.store, directory), new PinChecker(shared, directory)];
    const attempt = (n: number) => ({ secret: '0000', via: 'feature-code' as const, commandId: `p${n}`, at: at(n), acceptPassword: false });
    expect(await pinsA.check(agent, attempt(1))).toEqual({ verdict: 'rejected', attemptsLeft: 2 });
    expect(await pinsB.check(agent, attempt(2))).toEqual({ verdict: 'rejected', attemptsLeft: 1 });
    a.reads.length = 0;
    // The third wrong PIN, on A, counts B's: the agent is locked out.
    expect(await pinsA.check(agent, attempt(3))).toMatchObject({ verdict: 'locked-out' });
    expect(readsOf(a.reads, streamNames.pin('1001'))[0]).toEqual({ stream: streamNames.pin('1001'), from: 1n });
    // A redelivered attempt is still recognised from the cached state: not counted twice.
    expect(await pinsA.check(agent, attempt(1))).toMatchObject({ verdict: 'locked-out' });
  });

  it('reads a mobile number from the revision it holds, and sees another replica’s release', async () => {
    const shared = new InMemoryEventStore();
    const a = replicaOf(shared);
    const [mobilesA, mobilesB] = [new MobileClaims(a.store), new MobileClaims(shared)];
    const number = '+33612345678';
    await mobilesA.decide({ type: 'ClaimMobileNumber', commandId: 'm1', at: at(0), number, agentId: '1001', via: 'desktop' });
    await mobilesB.decide({ type: 'ReleaseMobileNumber', commandId: 'm2', at: at(1), number, agentId: '1001', reason: 'logout' });
    a.reads.length = 0;
    await mobilesA.decide({ type: 'ClaimMobileNumber', commandId: 'm3', at: at(2), number, agentId: '1002', via: 'desktop' });
    expect(readsOf(a.reads, mobileStream(number))).toEqual([{ stream: mobileStream(number), from: 1n }]);
    expect(await mobilesB.holder(number)).toMatchObject({ status: 'claimed', agentId: '1002' });
  });
});
