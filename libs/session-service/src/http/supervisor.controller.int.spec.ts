import request from 'supertest';
import { memberBindingFor } from '@switchboard/agent-domain';
import type { AgentCommand } from '@switchboard/contracts';
import { PhoneClaims } from '../phones/phone-claims.service';
import { startSessionHarness, type SessionHarness } from '../testing/session-harness';

jest.setTimeout(30_000);

function login(agentId: string, queues: string[], pauseReason?: string): AgentCommand {
  return {
    type: 'ChangeQueueLogin',
    commandId: `login-${agentId}-${queues.join('-')}`,
    agentId,
    at: new Date(Date.now() - 60_000).toISOString(),
    via: 'api',
    pbxId: 'pbx1',
    mode: 'login',
    queues,
    binding: memberBindingFor({ id: agentId, name: agentId, line: `SIP/${agentId}`, queues }),
    ...(pauseReason ? { pauseReason } : {}),
  } as AgentCommand;
}

const membersOf = (h: SessionHarness, agentId: string) =>
  ['helpdesk', 'sales'].flatMap((q) => h.sim.members(q).filter((m) => m.memberName === `Agent ${agentId}`).map((m) => `${q} ${m.interface}${m.paused ? ` paused ${m.pausedReason}` : ''}`));

describe('supervisor actions over HTTP, verified against the PBX simulator', () => {
  let h: SessionHarness;
  let server: Parameters<typeof request>[0];

  beforeEach(async () => {
    h = await startSessionHarness();
    server = h.app.getHttpServer();
  });

  afterEach(async () => {
    await h.close();
  });

  async function loggedIn(agentId: string, queues: string[], pauseReason?: string): Promise<void> {
    await h.executor.carryOutVerified((await h.commands.execute(login(agentId, queues, pauseReason))).events);
  }

  it('force logout removes every membership, stale bindings included, and answers once the PBX showed it', async () => {
    await loggedIn('1002', ['helpdesk', 'sales']);
    // A member of 1002 Asterisk holds on an old interface (the stale-binding bug).
    h.sim.addMember({ queue: 'sales', interface: 'Local/1002@old-desk/n', memberName: 'Agent 1002', stateInterface: 'SIP/2001' });
    const res = await request(server).post('/api/agents/1002/force-logout').set('Authorization', h.token('supervisor')).expect(200);
    expect(res.body).toMatchObject({
      agentId: '1002',
      outcomes: [
        { queue: 'helpdesk', result: 'logged-out' },
        { queue: 'sales', result: 'logged-out' },
      ],
      staleRemoved: 1,
      verified: true,
    });
    expect(membersOf(h, '1002')).toEqual([]);
    const events = await h.events('1002');
    expect(events.filter((e) => e.type === 'AgentLoggedOut').map((e) => e.data)).toEqual([
      expect.objectContaining({ queue: 'helpdesk', via: 'supervisor', reason: 'forced' }),
      expect.objectContaining({ queue: 'sales', via: 'supervisor', reason: 'forced' }),
    ]);
    expect(events.filter((e) => e.type === 'MembershipRepaired').map((e) => e.data)).toEqual([
      expect.objectContaining({ queue: 'sales', interface: 'Local/1002@old-desk/n', repair: 'removed', reason: 'no-session' }),
    ]);
    expect(h.sim.queueLog().filter((l) => /\|Agent 1002\|AGENTLOGOFF\|forced$/.test(l))).toHaveLength(2);
    expect(h.sim.deviceState('Custom:agent-1002-sales')).toBe('NOT_INUSE');
    expect(res.body.phoneReleased).toBeNull();
  });

  it('force logout also frees the phone the agent holds (its desk binding)', async () => {
    const phones = h.app.get(PhoneClaims);
    await phones.claim({ agentId: '1003', phoneId: 'desk-7', via: 'desktop', commandId: 'c1', at: new Date().toISOString(), mayMove: false });
    expect(await phones.heldBy('1003')).toBe('desk-7');
    const res = await request(server).post('/api/agents/1003/force-logout').set('Authorization', h.token('supervisor')).expect(200);
    expect(res.body).toMatchObject({ phoneReleased: 'desk-7', verified: true });
    expect(await phones.heldBy('1003')).toBeUndefined();
  });

  it('is for supervisors and admins only, and knows only directory agents', async () => {
    await request(server).post('/api/agents/1002/force-logout').set('Authorization', h.token('agent', '1002')).expect(403);
    await request(server).post('/api/agents/1002/force-logout').expect(401);
    const res = await request(server).post('/api/agents/4242/force-logout').set('Authorization', h.token('admin')).expect(404);
    expect(res.body.code).toBe('not_found');
  });

  it('bulk logout of a queue takes everyone out of that queue only', async () => {
    await loggedIn('1002', ['helpdesk', 'sales']);
    await loggedIn('1003', ['sales']);
    const res = await request(server).post('/api/agents/bulk-logout').set('Authorization', h.token('supervisor')).send({ queue: 'sales' }).expect(200);
    expect(res.body.unverified).toEqual([]);
    expect(res.body.results.map((r: { agentId: string }) => r.agentId)).toEqual(['1002', '1003']);
    expect(membersOf(h, '1002')).toEqual(['helpdesk Local/1002@agent-phones/n']);
    expect(membersOf(h, '1003')).toEqual([]);
  });

  it('bulk relog logs out and back in with the same queues and pauses', async () => {
    await loggedIn('1002', ['helpdesk']);
    await loggedIn('1002', ['sales'], 'Training');
    const res = await request(server).post('/api/agents/bulk-relog').set('Authorization', h.token('supervisor')).send({ agentIds: ['1002'] }).expect(200);
    expect(res.body.unverified).toEqual([]);
    expect(res.body.results[0].login.outcomes).toEqual([
      { queue: 'helpdesk', result: 'logged-in' },
      { queue: 'sales', result: 'logged-in' },
    ]);
    expect(membersOf(h, '1002')).toEqual(['helpdesk Local/1002@agent-phones/n', 'sales Local/1002@agent-phones/n paused Training']);
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, 'neither'],
    [{ agentIds: ['1002'], queue: 'sales' }, 'both'],
    [{ queue: 'sales\r\nAction: Hangup' }, 'CR/LF'],
  ])('refuses a bulk selection with %j (%s) as invalid_input', async (body) => {
    const res = await request(server).post('/api/agents/bulk-logout').set('Authorization', h.token('supervisor')).send(body).expect(400);
    expect(res.body.code).toBe('invalid_input');
  });
});
