import { memberBindingFor, type Registration } from '@switchboard/agent-domain';
import type { AgentCommand } from '@switchboard/contracts';
import { InMemoryEventStore } from '@switchboard/event-store';
import { GatewayService } from '@switchboard/gateway-service';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { PhoneClaims } from '../phones/phone-claims.service';
import { usePrivateNats } from '../testing/private-nats';
import { startSessionHarness, until, type SessionHarness } from '../testing/session-harness';
import { UnregisteredPhonePolicy } from './unregistered-phone.policy';

jest.setTimeout(90_000);

/*
 * The unregistered-phone auto-logout across replicas of agent-session (one NATS JetStream, one event
 * store, one PBX simulator over TCP). The grace is an hour, so no replica's own timer fires during a
 * test: each replica's tick is called with the time to judge, before and after the deadline.
 */
const GRACE_MS = 3_600_000;
const POLICIES = { unregisteredGraceMs: GRACE_MS, tickMs: 3_600_000 };

describe('unregistered-phone auto-logout with two replicas', () => {
  const nats = usePrivateNats('session-replica');
  let sim: PbxSimulator;
  let store: InMemoryEventStore;
  const replicas: SessionHarness[] = [];

  beforeEach(async () => {
    sim = new PbxSimulator({ port: 0, seed: 7 });
    await sim.start();
    store = new InMemoryEventStore();
    replicas.push(await replica(), await replica());
    await until(() => replicas.some((h) => h.app.get(GatewayService).gateways.every((g) => g.connected)), 'one gateway logged in to the PBX');
    await loggedIn(replicas[0] as SessionHarness);
  });

  afterEach(async () => {
    for (const h of replicas.splice(0)) await h.close();
    await sim.stop();
  });

  async function replica(): Promise<SessionHarness> {
    // Neither replica owns the simulator: closing one leaves the PBX to the other.
    return startSessionHarness({ bus: await nats.connect(), store, sim, policies: POLICIES });
  }

  async function loggedIn(h: SessionHarness): Promise<void> {
    const login: AgentCommand = {
      type: 'ChangeQueueLogin',
      commandId: 'login-1002',
      agentId: '1002',
      at: new Date(Date.now() - 60_000).toISOString(),
      via: 'api',
      pbxId: 'pbx1',
      mode: 'login',
      queues: ['helpdesk'],
      binding: memberBindingFor({ id: '1002', name: 'Agent Two', line: 'SIP/1002', queues: ['helpdesk'] }),
    };
    await h.executor.carryOutVerified((await h.commands.execute(login)).events);
  }

  const policy = (h: SessionHarness) => h.app.get(UnregisteredPhonePolicy);
  const registration = (h: SessionHarness) => h.app.get(PhoneClaims).phone('SIP/1002').then((p) => p.registration);
  const logouts = async (h: SessionHarness) =>
    (await h.events('1002')).filter((e) => e.type === 'AgentLoggedOut').map((e) => (e.data as { reason: string }).reason);

  /** The phone unregisters; resolves with the recorded unregistration once a replica recorded it. */
  async function unregistered(): Promise<Extract<Registration, { status: 'unregistered' }>> {
    sim.unregisterPhone('1002');
    let recorded: Registration = { status: 'unknown' };
    await until(async () => {
      recorded = await registration(replicas[0] as SessionHarness);
      return recorded.status === 'unregistered';
    }, 'the unregistration recorded on the phone stream');
    return recorded as Extract<Registration, { status: 'unregistered' }>;
  }

  it('the replica that saw the unregistration is gone: the other logs the agent out once the deadline passed', async () => {
    const { observedAt } = await unregistered();
    const deadline = Date.parse(observedAt) + GRACE_MS;
    await until(() => replicas.some((h) => policy(h).waiting.includes('SIP/1002')), 'a replica timing the grace');
    // Every replica that saw it goes down before the deadline (a crash would lose its timer alike).
    const seers = replicas.filter((h) => policy(h).waiting.includes('SIP/1002'));
    for (const h of seers) {
      replicas.splice(replicas.indexOf(h), 1);
      await h.close();
    }
    // Both saw it (PeerStatus and the device state went to different replicas): a replica started
    // after the crash takes over.
    if (replicas.length === 0) replicas.push(await replica());
    // (The phone's device-state event may still reach the survivor late and start a timer of its
    // own there: an hour long, it plays no part below; the tick judges the phone's stream only.)
    const survivor = replicas[0] as SessionHarness;

    expect(await policy(survivor).tick(new Date(deadline - 1))).toEqual([]);
    expect(await logouts(survivor)).toEqual([]);

    expect(await policy(survivor).tick(new Date(deadline))).toEqual(['1002']);
    expect(await logouts(survivor)).toEqual(['phone-unregistered']);
    await until(() => sim.members('helpdesk').length === 0, 'the member removed from the PBX');
    // Ticking again finds nothing more to do.
    expect(await policy(survivor).tick(new Date(deadline + 60_000))).toEqual([]);
    expect(await logouts(survivor)).toEqual(['phone-unregistered']);
  });

  it('two replicas past the deadline at once log the agent out exactly once', async () => {
    const { observedAt } = await unregistered();
    const after = new Date(Date.parse(observedAt) + GRACE_MS + 1);
    const [first, second] = replicas as [SessionHarness, SessionHarness];
    const [a, b] = await Promise.all([policy(first).tick(after), policy(second).tick(after)]);
    expect([...a, ...b]).toEqual(['1002']);
    expect(await logouts(first)).toEqual(['phone-unregistered']);
  });

  it('the phone registering again before the deadline cancels the logout on every replica', async () => {
    const { observedAt } = await unregistered();
    sim.registerPhone('1002');
    await until(async () => (await registration(replicas[0] as SessionHarness)).status === 'registered', 'the registration recorded again');
    // A replica may still time the grace (the registration went to the other one): when its timer
    // fires it judges the phone's stream, as the tick does, and finds it registered.
    const after = new Date(Date.parse(observedAt) + GRACE_MS + 1);
    for (const h of replicas) expect(await policy(h).tick(after)).toEqual([]);
    expect(await logouts(replicas[0] as SessionHarness)).toEqual([]);
    expect(sim.members('helpdesk')).toEqual([expect.objectContaining({ memberName: 'Agent 1002' })]);
  });
});
