import request from 'supertest';
import { POOL_AGENT_1004, poolAgentLogin } from '../testing/agent-pool-agent';
import { startSessionHarness, until, type SessionHarness } from '../testing/session-harness';

/*
 * An app_agent_pool agent against the PBX simulator: its queue login adds the pool member
 * (Local/1004@agent-pool/n, state Agent:1004) through the reactor like any member, the PBX's
 * AgentLogin/AgentLogoff (fields of the Asterisk 20 AMI docs: no capture has them) are recorded on
 * its stream and shown by GET /api/agents, and a supervisor's force logout hangs up its
 * AgentLogin() call with AMI AgentLogoff besides removing the members.
 */

jest.setTimeout(30_000);

describe('an app_agent_pool agent against the PBX simulator', () => {
  let h: SessionHarness;

  beforeEach(async () => {
    h = await startSessionHarness({ directoryExtra: POOL_AGENT_1004, simTiming: { agentProbationMs: 50, playbackMs: 20, ringMs: 40, talkMs: 100 } });
  });

  afterEach(async () => {
    await h.close();
  });

  const poolView = async () => {
    const res = await request(h.app.getHttpServer()).get('/api/agents').set('Authorization', h.token('supervisor')).expect(200);
    return (res.body as Array<{ id: string; agentPool?: unknown }>).find((a) => a.id === '1004')?.agentPool;
  };

  it('logs in with the pool member, records where the agent sits, and the queue reaches it there', async () => {
    const done = await h.executor.carryOutVerified((await h.commands.execute(poolAgentLogin())).events);
    expect(done.confirmations).toEqual([expect.objectContaining({ queue: 'helpdesk', confirmation: 'confirmed' })]);
    expect(h.sim.members('helpdesk')).toEqual([
      expect.objectContaining({ interface: 'Local/1004@agent-pool/n', stateInterface: 'Agent:1004', memberName: 'Agent 1004', status: 5 }),
    ]);
    expect(await poolView()).toEqual({ seated: false });

    const { channel } = await h.sim.agentLogin('1003', '1004');
    await until(async () => (await h.events('1004')).some((e) => e.type === 'AgentPoolLoggedIn'), 'AgentLogin recorded');
    const seated = (await h.events('1004')).find((e) => e.type === 'AgentPoolLoggedIn');
    expect(seated?.data).toMatchObject({ agentId: '1004', pbxId: 'pbx1', channel, device: 'SIP/1003' });
    expect(await poolView()).toEqual({ seated: true, channel, device: 'SIP/1003', since: expect.any(String) });

    await until(() => h.sim.members('helpdesk')[0]?.status === 1, 'Agent:1004 ready after the probation');
    const call = await h.sim.startInboundCall('helpdesk', { callerNumber: '0612345678' });
    expect(await call.outcome).toMatchObject({ result: 'answered', member: 'Local/1004@agent-pool/n' });

    expect(h.sim.endAgentLogin('1004')).toBe(true);
    await until(async () => (await h.events('1004')).some((e) => e.type === 'AgentPoolLoggedOut'), 'AgentLogoff recorded');
    expect(await poolView()).toEqual({ seated: false });
    // Out of the pool, still logged in to the queue: the member stays, unavailable.
    expect(h.sim.members('helpdesk')).toEqual([expect.objectContaining({ interface: 'Local/1004@agent-pool/n', status: 5 })]);
  });

  it('a supervisor’s force logout removes the member and hangs up the AgentLogin() call (AMI AgentLogoff)', async () => {
    await h.executor.carryOutVerified((await h.commands.execute(poolAgentLogin())).events);
    const { channel } = await h.sim.agentLogin('1003', '1004');
    await until(async () => (await h.events('1004')).some((e) => e.type === 'AgentPoolLoggedIn'), 'AgentLogin recorded');
    const actions: string[] = [];
    h.sim.on('action', (a) => actions.push(`${a.action} ${a.summary}`));

    const res = await request(h.app.getHttpServer()).post('/api/agents/1004/force-logout').set('Authorization', h.token('supervisor')).expect(200);
    expect(res.body).toMatchObject({
      outcomes: [{ queue: 'helpdesk', result: 'logged-out' }],
      agentPoolLogoff: { ok: true, message: 'Agent logged out' },
      verified: true,
    });
    expect(actions).toContain('AgentLogoff Agent=1004');
    expect(h.sim.members('helpdesk')).toEqual([]);
    expect(h.sim.agentPool()).toEqual([]);
    await until(async () => (await h.events('1004')).some((e) => e.type === 'AgentPoolLoggedOut'), 'AgentLogoff recorded');
    expect((await h.events('1004')).find((e) => e.type === 'AgentPoolLoggedOut')?.data).toMatchObject({ channel });
  });

  it('a callback agent’s force logout sends no AgentLogoff', async () => {
    const actions: string[] = [];
    h.sim.on('action', (a) => actions.push(a.action));
    const res = await request(h.app.getHttpServer()).post('/api/agents/1002/force-logout').set('Authorization', h.token('supervisor')).expect(200);
    expect(res.body).toMatchObject({ agentPoolLogoff: null, verified: true });
    expect(actions).not.toContain('AgentLogoff');
  });
});
