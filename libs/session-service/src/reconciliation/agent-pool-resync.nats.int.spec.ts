import request from 'supertest';
import type { AgentStreamEvent } from '@switchboard/contracts';
import { GatewayService } from '@switchboard/gateway-service';
import { METRICS } from '@switchboard/platform';
import type { Registry } from 'prom-client';
import { POOL_AGENT_1004, poolAgentLogin } from '../testing/agent-pool-agent';
import { usePrivateNats } from '../testing/private-nats';
import { startSessionHarness, until, type SessionHarness } from '../testing/session-harness';
import { Reconciler } from './reconciler';

jest.setTimeout(60_000);

/*
 * An app_agent_pool seat across an AMI outage, over real TCP to the PBX simulator and NATS
 * JetStream: the agent sits down at *38, the link to the PBX is cut, the agent gets up (or sits
 * down) while nobody listens, and once the gateway is back its Agents snapshot repairs the seat
 * with the reason pbx-resync, counted as a reconciliation repair.
 */
describe('app_agent_pool seats resynchronised after an AMI outage (NATS JetStream)', () => {
  const nats = usePrivateNats();
  let h: SessionHarness;

  afterEach(async () => {
    await h?.close();
  });

  async function start(): Promise<void> {
    h = await startSessionHarness({ bus: await nats.connect(), directoryExtra: POOL_AGENT_1004, simTiming: { agentProbationMs: 50, playbackMs: 20 } });
    await h.executor.carryOutVerified((await h.commands.execute(poolAgentLogin())).events);
  }

  const poolEvents = async (): Promise<AgentStreamEvent[]> =>
    (await h.events('1004')).filter((e) => e.type === 'AgentPoolLoggedIn' || e.type === 'AgentPoolLoggedOut');

  const repairs = async (repair: string): Promise<number> => {
    const metric = await h.app.get<Registry>(METRICS).getSingleMetric('switchboard_reconciliation_repairs_total')?.get();
    return metric?.values.find((v) => v.labels['repair'] === repair && v.labels['reason'] === 'pbx-resync')?.value ?? 0;
  };

  const poolView = async () => {
    const res = await request(h.app.getHttpServer()).get('/api/agents').set('Authorization', h.token('supervisor')).expect(200);
    return (res.body as Array<{ id: string; agentPool?: unknown }>).find((a) => a.id === '1004')?.agentPool;
  };

  /** The link to the PBX goes away; `whileAway` happens on the PBX meanwhile; the link comes back. */
  async function outage(whileAway: () => Promise<void> | void): Promise<void> {
    const gateway = h.app.get(GatewayService).gateways[0];
    if (!gateway) throw new Error('no gateway');
    h.sim.cutNetwork();
    await until(() => !gateway.connected, 'the gateway to see the link gone');
    await whileAway();
    h.sim.restoreNetwork();
    await until(() => gateway.connected, 'the gateway to log in again', 20_000);
  }

  it('releases a seat whose AgentLogoff was missed, saying pbx-resync', async () => {
    await start();
    const { channel } = await h.sim.agentLogin('1003', '1004');
    await until(async () => (await poolEvents()).length === 1, 'AgentLogin recorded');
    expect(await poolView()).toMatchObject({ seated: true, channel });

    await outage(() => {
      expect(h.sim.endAgentLogin('1004')).toBe(true);
    });

    await until(async () => (await poolEvents()).length === 2, 'the seat released after the reconnect', 20_000);
    const [, released] = await poolEvents();
    expect(released).toMatchObject({ type: 'AgentPoolLoggedOut', data: { agentId: '1004', pbxId: 'pbx1', channel, reason: 'pbx-resync' } });
    expect(await poolView()).toEqual({ seated: false });
    expect(await repairs('seat-released')).toBe(1);
    // The pool member stays: the agent is still logged in to the queue, only seated nowhere.
    expect(h.sim.members('helpdesk')).toEqual([expect.objectContaining({ interface: 'Local/1004@agent-pool/n' })]);
  });

  it('the timed reconciliation asks for Agents too, and releases a seat Asterisk does not hold', async () => {
    await start();
    // Recorded a minute ago from an AgentLogin whose call Asterisk no longer has (it restarted).
    const at = new Date(Date.now() - 60_000).toISOString();
    await h.commands.execute({ type: 'RecordAgentPoolLogin', commandId: 'old-seat', agentId: '1004', at, via: 'system', pbxId: 'pbx1', channel: 'SIP/1003-000000ff', device: 'SIP/1003' });
    const actions: string[] = [];
    h.sim.on('action', (a) => actions.push(a.action));

    await h.app.get(Reconciler).reconcileNow('pbx1', 'timer');

    expect(actions).toEqual(expect.arrayContaining(['QueueStatus', 'Agents']));
    const [, released] = await poolEvents();
    expect(released).toMatchObject({ type: 'AgentPoolLoggedOut', data: { channel: 'SIP/1003-000000ff', reason: 'pbx-resync' } });
    // Counted up to the list, the most the agent can have sat: at least the minute since the login.
    expect((released?.data as { logintimeSeconds: number }).logintimeSeconds).toBeGreaterThanOrEqual(60);
    expect(await repairs('seat-released')).toBe(1);
  });

  it('records a seat taken while the gateway was away, and nothing more when the PBX agrees', async () => {
    await start();
    let channel = '';
    await outage(async () => {
      channel = (await h.sim.agentLogin('1003', '1004')).channel;
    });

    await until(async () => (await poolEvents()).length === 1, 'the seat recorded after the reconnect', 20_000);
    expect((await poolEvents())[0]).toMatchObject({ type: 'AgentPoolLoggedIn', data: { channel, device: 'SIP/1003', reason: 'pbx-resync' } });
    expect(await poolView()).toMatchObject({ seated: true, channel, device: 'SIP/1003' });
    expect(await repairs('seat-recorded')).toBe(1);

    // A second outage with nothing changed on the PBX: its snapshot is compared, and repairs nothing.
    const reconciler = h.app.get(Reconciler);
    const compared = reconciler.completedPoolResyncs;
    await outage(() => undefined);
    await until(() => reconciler.completedPoolResyncs > compared, 'the Agents snapshot of the reconnect compared', 20_000);
    expect(await poolEvents()).toHaveLength(1);
    expect(await repairs('seat-recorded')).toBe(1);
  });
});
