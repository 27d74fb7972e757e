import request from 'supertest';
import { memberBindingFor } from '@switchboard/agent-domain';
import type { AgentCommand } from '@switchboard/contracts';
import { Reconciler } from '../reconciliation/reconciler';
import { startSessionHarness, until, type SessionHarness } from '../testing/session-harness';

const HELPDESK_1002 = { queue: 'helpdesk', interface: 'Local/1002@agent-phones/n' };

function login(agentId: string, queues: string[], extra: Partial<AgentCommand> = {}): AgentCommand {
  const line = `SIP/${agentId}`;
  return {
    type: 'ChangeQueueLogin',
    commandId: `login-${agentId}-${queues.join('-')}-${Math.random()}`,
    agentId,
    at: new Date().toISOString(),
    via: 'api',
    pbxId: 'pbx1',
    mode: 'login',
    queues,
    binding: memberBindingFor({ id: agentId, name: agentId, line, queues }),
    ...extra,
  } as AgentCommand;
}

jest.setTimeout(30_000);

describe('carrying decisions out against the PBX simulator (in-process bus, real gateway)', () => {
  let h: SessionHarness;

  afterEach(async () => {
    await h?.close();
  });

  it('records the PBX’s confirmation of a login, writes AGENTLOGIN to queue_log and lights the BLF key', async () => {
    h = await startSessionHarness();
    const result = await h.commands.execute(login('1002', ['helpdesk']));
    const reports = await h.executor.carryOut(result.events);
    expect(reports).toEqual([{ event: 'AgentLoggedIn', queue: 'helpdesk', ok: true, message: 'Added interface to queue' }]);
    await h.executor.idle();
    const events = await h.events('1002');
    expect(events.map((e) => e.type)).toEqual(['AgentLoggedIn', 'MembershipConfirmed']);
    expect(events[1]?.data).toMatchObject({ ...HELPDESK_1002, member: 'present', paused: false });
    expect(h.sim.queueLog().some((l) => /\|helpdesk\|Agent 1002\|AGENTLOGIN\|SIP\/1002$/.test(l))).toBe(true);
    expect(h.sim.deviceState('Custom:agent-1002-helpdesk')).toBe('INUSE');
  });

  it('adds the member already paused where a pause is pending: no moment in which it takes calls', async () => {
    h = await startSessionHarness();
    await h.executor.carryOutVerified((await h.commands.execute(login('1002', ['helpdesk']))).events);
    const pause = await h.commands.execute({ type: 'Pause', commandId: 'p1', agentId: '1002', at: new Date().toISOString(), via: 'api', reason: 'Lunch' });
    await h.executor.carryOutVerified(pause.events);
    const actions: string[] = [];
    h.sim.on('action', (a) => actions.push(`${a.action} ${a.summary}`));
    const joined = await h.commands.execute(login('1002', ['sales']));
    expect(joined.events[0]?.data).toMatchObject({ queue: 'sales', paused: true, pauseReason: 'Lunch' });
    const done = await h.executor.carryOutVerified(joined.events);
    expect(done.confirmations).toEqual([expect.objectContaining({ queue: 'sales', confirmation: 'confirmed', attempts: 1 })]);
    const sales = h.sim.members('sales').find((m) => m.memberName === 'Agent 1002');
    expect(sales).toMatchObject({ paused: true, pausedReason: 'Lunch' });
    // Joined paused in the QueueAdd itself: no QueuePause after it, so no moment taking calls.
    expect(actions.filter((a) => a.startsWith('QueueAdd') || a.startsWith('QueuePause'))).toEqual([
      expect.stringMatching(/^QueueAdd .*Queue=sales.*Paused=true.*Reason=Lunch/),
    ]);
  });

  it('on connect removes members no session holds (astdb-persisted) and records each repair with its reason', async () => {
    h = await startSessionHarness({
      beforeConnect: (sim) => {
        sim.addMember({ queue: 'sales', interface: 'Local/1003@agent-phones/n', memberName: 'Agent 1003', stateInterface: 'SIP/1003' });
        sim.addMember({ queue: 'helpdesk', interface: 'Local/9999@elsewhere/n', memberName: 'Night service', stateInterface: 'SIP/9999' });
      },
    });
    await until(() => !h.sim.members('sales').some((m) => m.memberName === 'Agent 1003'), 'the stale member of 1003 removed');
    await h.executor.idle();
    const repairs = (await h.events('1003')).filter((e) => e.type === 'MembershipRepaired');
    expect(repairs.map((e) => e.data)).toEqual([
      expect.objectContaining({ queue: 'sales', interface: 'Local/1003@agent-phones/n', repair: 'removed', reason: 'no-session' }),
    ]);
    // A member that is no agent's is left alone (and counted).
    expect(h.sim.members('helpdesk').map((m) => m.memberName)).toEqual(['Night service']);
    const metrics = await request(h.app.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/switchboard_reconciliation_repairs_total\{[^}]*repair="removed"[^}]*reason="no-session"[^}]*\} 1/);
    expect(metrics.text).toMatch(/switchboard_reconciliation_foreign_members_total\{[^}]*\} [1-9]/);
  });

  it('re-adds a session’s member the PBX lost and corrects its pause, once per snapshot', async () => {
    h = await startSessionHarness();
    // Decided a while ago: a snapshot now is expected to show it (see Reconcile.settledBefore).
    const earlier = new Date(Date.now() - 60_000).toISOString();
    await h.executor.carryOutVerified((await h.commands.execute(login('1002', ['helpdesk', 'sales'], { at: earlier }))).events);
    h.sim.removeMember('helpdesk', 'Local/1002@agent-phones/n');
    h.sim.pauseMember('Local/1002@agent-phones/n', true, { queue: 'sales', reason: 'Rogue' });
    const reconciler = h.app.get(Reconciler);
    const summary = await reconciler.reconcileNow('pbx1', 'requested');
    expect(summary).toMatchObject({ repairs: 2 });
    await h.executor.idle();
    expect(h.sim.members('helpdesk').map((m) => m.memberName)).toEqual(['Agent 1002']);
    expect(h.sim.members('sales').find((m) => m.memberName === 'Agent 1002')?.paused).toBe(false);
    const reasons = (await h.events('1002')).filter((e) => e.type === 'MembershipRepaired').map((e) => [e.data.queue, (e.data as { reason: string }).reason]);
    expect(reasons).toEqual([
      ['helpdesk', 'missing-on-pbx'],
      ['sales', 'pause-mismatch'],
    ]);
    // In step now: a second run repairs nothing.
    expect(await reconciler.reconcileNow('pbx1', 'requested')).toMatchObject({ repairs: 0 });
  });
});
