import request from 'supertest';
import { memberBindingFor } from '@switchboard/agent-domain';
import { NatsBus } from '@switchboard/bus';
import type { AgentCommand } from '@switchboard/contracts';
import { jetStreamTopology } from '@switchboard/platform';
import { startNatsServer, type TestNatsServer } from '@switchboard/testing';
import { ReconciliationTimer } from '../reconciliation/reconciliation-timer';
import { usePrivateNats } from '../testing/private-nats';
import { startSessionHarness, until, type SessionHarness } from '../testing/session-harness';

jest.setTimeout(60_000);

/** The same flows over NATS JetStream (a private nats-server: the PBX_EVENTS stream is ours). */
describe('keeping the PBX in step over NATS JetStream', () => {
  const { connect } = usePrivateNats();
  let h: SessionHarness;

  afterEach(async () => {
    await h?.close();
  });

  it('removes a member no session holds on connect, and confirms a login through JetStream', async () => {
    h = await startSessionHarness({
      bus: await connect(),
      beforeConnect: (sim) => sim.addMember({ queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', memberName: 'Agent 1001', stateInterface: 'SIP/1001' }),
    });
    await until(() => h.sim.members('helpdesk').length === 0, 'the stale member of 1001 removed');
    const login: AgentCommand = {
      type: 'ChangeQueueLogin',
      commandId: 'login-1003',
      agentId: '1003',
      at: new Date().toISOString(),
      via: 'api',
      pbxId: 'pbx1',
      mode: 'login',
      queues: ['sales'],
      binding: memberBindingFor({ id: '1003', name: 'Agent Three', line: 'SIP/1003', queues: ['sales'] }),
    };
    const done = await h.executor.carryOutVerified((await h.commands.execute(login)).events);
    expect(done.confirmations).toEqual([expect.objectContaining({ queue: 'sales', confirmation: 'confirmed' })]);
    await until(async () => (await h.events('1003')).some((e) => e.type === 'MembershipConfirmed'), 'the confirmation recorded');
    expect((await h.events('1001')).filter((e) => e.type === 'MembershipRepaired').map((e) => (e.data as { reason: string }).reason)).toEqual(['no-session']);
  });

  it('verifies a supervisor’s force logout against the PBX', async () => {
    h = await startSessionHarness({ bus: await connect() });
    const login: AgentCommand = {
      type: 'ChangeQueueLogin',
      commandId: 'login-1002',
      agentId: '1002',
      at: new Date(Date.now() - 60_000).toISOString(),
      via: 'api',
      pbxId: 'pbx1',
      mode: 'login',
      queues: ['helpdesk', 'sales'],
      binding: memberBindingFor({ id: '1002', name: 'Agent Two', line: 'SIP/1002', queues: ['helpdesk', 'sales'] }),
    };
    await h.executor.carryOutVerified((await h.commands.execute(login)).events);
    const res = await request(h.app.getHttpServer()).post('/api/agents/1002/force-logout').set('Authorization', h.token('supervisor')).expect(200);
    expect(res.body).toMatchObject({ verified: true, staleRemoved: 0 });
    expect([...h.sim.members('helpdesk'), ...h.sim.members('sales')]).toEqual([]);
  });
});

describe('one reconciler per PBX across replicas (NATS KV lease)', () => {
  let server: TestNatsServer;
  const replicas: SessionHarness[] = [];

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
  });

  afterAll(async () => {
    for (const r of replicas.reverse()) await r.close().catch(() => undefined);
    await server?.stop();
  });

  it('reconciles by timer on exactly one replica, and on the other once the first is gone', async () => {
    const bus = () => NatsBus.connect({ servers: server.url, name: 'replica', streams: jetStreamTopology });
    const first = await startSessionHarness({ bus: await bus(), reconcileEveryMs: 3_600_000 });
    replicas.push(first);
    const second = await startSessionHarness({ bus: await bus(), reconcileEveryMs: 3_600_000, sim: first.sim });
    replicas.push(second);
    const timers = () => replicas.map((r) => r.app.get(ReconciliationTimer).leading);
    await until(() => timers().filter(Boolean).length === 1, 'one replica leading');
    const leader = timers().indexOf(true);
    await replicas[leader]?.close();
    const standby = replicas[1 - leader] as SessionHarness;
    replicas.splice(leader, 1);
    await until(() => standby.app.get(ReconciliationTimer).leading, 'the standby taking over', 20_000);
    expect(standby.app.get(ReconciliationTimer).leading).toBe(true);
  });
});
