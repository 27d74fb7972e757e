import { memberBindingFor } from '@switchboard/agent-domain';
import { InProcessBus } from '@switchboard/bus';
import type { AgentCommand, AgentStatusChanged } from '@switchboard/contracts';
import { startSessionHarness, until, type SessionHarness } from '../testing/session-harness';
import { EndOfShiftPolicy } from './end-of-shift.policy';
import { PauseExpiryPolicy } from './pause-expiry.policy';
import { UnregisteredPhonePolicy } from './unregistered-phone.policy';

jest.setTimeout(30_000);

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

function login(agentId: string, queues: string[]): AgentCommand {
  return {
    type: 'ChangeQueueLogin',
    commandId: `login-${agentId}`,
    agentId,
    at: minutesAgo(10),
    via: 'api',
    pbxId: 'pbx1',
    mode: 'login',
    queues,
    binding: memberBindingFor({ id: agentId, name: agentId, line: `SIP/${agentId}`, queues }),
  } as AgentCommand;
}

describe('auto-logout and pause policies against the PBX simulator', () => {
  let h: SessionHarness;

  afterEach(async () => {
    await h?.close();
  });

  async function loggedIn(agentId: string, queues: string[]): Promise<void> {
    await h.executor.carryOutVerified((await h.commands.execute(login(agentId, queues))).events);
  }

  const logouts = async (agentId: string) =>
    (await h.events(agentId)).filter((e) => e.type === 'AgentLoggedOut').map((e) => (e.data as { reason: string }).reason);

  it('logs an agent out after N queue calls in a row rang unanswered', async () => {
    h = await startSessionHarness({ policies: { maxRingNoAnswer: 2 }, simTiming: { queueTimeoutMs: 100, retryMs: 10, patienceMs: 60_000 } });
    await loggedIn('1001', ['helpdesk']);
    await h.sim.startInboundCall('helpdesk', { callerNumber: '0612345678', answer: false });
    await until(() => !h.sim.members('helpdesk').some((m) => m.memberName === 'Agent 1001'), 'agent 1001 removed from helpdesk');
    expect(await logouts('1001')).toEqual(['ring-no-answer']);
    const counted = (await h.events('1001')).filter((e) => e.type === 'RingNoAnswerCounted').map((e) => (e.data as { count: number }).count);
    expect(counted).toEqual([1, 2]);
  });

  it('logs out the agents of a phone that unregistered and stayed away for the grace period', async () => {
    h = await startSessionHarness({ policies: { unregisteredGraceMs: 1 } });
    await loggedIn('1002', ['helpdesk', 'sales']);
    await loggedIn('1003', ['sales']);
    h.sim.unregisterPhone('1002');
    const held = () => ['helpdesk', 'sales'].some((q) => h.sim.members(q).some((m) => m.memberName === 'Agent 1002'));
    await until(() => !held(), 'agent 1002 removed from both queues');
    expect(await logouts('1002')).toEqual(['phone-unregistered', 'phone-unregistered']);
    expect(h.sim.members('sales').map((m) => m.memberName)).toEqual(['Agent 1003']);
    expect(await logouts('1003')).toEqual([]);
  });

  it('forgets an unregistered phone that registers again within the grace period', async () => {
    h = await startSessionHarness({ policies: { unregisteredGraceMs: 3_600_000 } });
    const policy = h.app.get(UnregisteredPhonePolicy);
    await loggedIn('1002', ['helpdesk']);
    h.sim.unregisterPhone('1002');
    await until(() => policy.waiting.includes('SIP/1002'), 'the grace period started');
    h.sim.registerPhone('1002');
    await until(() => policy.waiting.length === 0, 'the grace period cancelled');
    expect(await logouts('1002')).toEqual([]);
  });

  it('refuses a reason that is not configured, and ends a pause past its reason’s maximum, saying why', async () => {
    h = await startSessionHarness({ directoryExtra: 'pauseReasons:\n  - { code: Lunch, maxMinutes: 30 }\n  - { code: Meeting }\n' });
    await loggedIn('1002', ['helpdesk']);
    const pause = (reason: string, at: string): AgentCommand => ({ type: 'Pause', commandId: `p-${reason}`, agentId: '1002', at, via: 'api', reason });
    await expect(h.commands.execute(pause('Nap', minutesAgo(1)))).rejects.toMatchObject({ code: 'invalid_input' });
    const paused = await h.commands.execute(pause('Lunch', minutesAgo(31)));
    expect(paused.events[0]?.data).toMatchObject({ reason: 'Lunch', until: expect.any(String) });
    await h.executor.carryOutVerified(paused.events);
    expect(h.sim.members('helpdesk')[0]?.paused).toBe(true);
    expect(await h.app.get(PauseExpiryPolicy).tick(new Date())).toBe(1);
    await h.executor.idle();
    expect(h.sim.members('helpdesk')[0]?.paused).toBe(false);
    const unpaused = (await h.events('1002')).filter((e) => e.type === 'AgentUnpaused');
    expect(unpaused.map((e) => e.data)).toEqual([expect.objectContaining({ via: 'system', reason: 'max-pause-exceeded' })]);
    // Ticking again finds nothing more to end.
    expect(await h.app.get(PauseExpiryPolicy).tick(new Date())).toBe(0);
  });

  it('logs everyone still logged in out on the tick that crosses the end of the shift', async () => {
    h = await startSessionHarness({ policies: { shiftEndUtc: '18:00' } });
    const policy = h.app.get(EndOfShiftPolicy);
    expect(await policy.tick(new Date('2030-01-01T17:00:00Z'))).toEqual([]);
    await loggedIn('1002', ['helpdesk']);
    expect(await policy.tick(new Date('2030-01-01T17:59:00Z'))).toEqual([]);
    expect(await policy.tick(new Date('2030-01-01T18:00:00Z'))).toEqual(['1002']);
    expect(await logouts('1002')).toEqual(['end-of-shift']);
    await h.executor.idle();
    expect(h.sim.members('helpdesk')).toEqual([]);
  });

  it('defers a pause asked for during a queue call until the call ends, and says so', async () => {
    h = await startSessionHarness({ simTiming: { ringMs: 10, talkMs: 1500 } });
    await loggedIn('1001', ['helpdesk']);
    const call = await h.sim.startInboundCall('helpdesk', { callerNumber: '0612345678' });
    await until(() => h.sim.members('helpdesk')[0]?.inCall === true, 'agent 1001 in the call');
    const result = await h.commands.execute({ type: 'Pause', commandId: 'p-call', agentId: '1001', at: new Date().toISOString(), via: 'desktop', reason: 'Lunch' });
    expect(result.decision.outcomes).toEqual([{ queue: 'helpdesk', result: 'deferred' }]);
    expect(result.events.map((e) => e.type)).toEqual(['PauseDeferred']);
    expect(h.sim.members('helpdesk')[0]?.paused).toBe(false);
    await call.outcome;
    await until(() => h.sim.members('helpdesk')[0]?.paused === true, 'the deferred pause applied');
    const types = (await h.events('1001')).map((e) => e.type);
    expect(types.slice(types.indexOf('PauseDeferred'))).toEqual(expect.arrayContaining(['PauseDeferred', 'DeferredReleased', 'AgentPaused']));
    expect(types.indexOf('AgentPaused')).toBeGreaterThan(types.indexOf('DeferredReleased'));
  });

  it('defers a logout asked for during a queue call, then removes the member when the call ends', async () => {
    h = await startSessionHarness({ simTiming: { ringMs: 10, talkMs: 1500 } });
    await loggedIn('1001', ['helpdesk']);
    const call = await h.sim.startInboundCall('helpdesk', { callerNumber: '0612345678' });
    await until(() => h.sim.members('helpdesk')[0]?.inCall === true, 'agent 1001 in the call');
    const logout = { ...login('1001', ['helpdesk']), commandId: 'out-call', mode: 'logout', at: new Date().toISOString(), via: 'feature-code' } as AgentCommand;
    const result = await h.commands.execute(logout);
    expect(result.decision).toMatchObject({ outcomes: [{ queue: 'helpdesk', result: 'deferred' }], status: 'logged-in' });
    expect(h.sim.members('helpdesk')).toHaveLength(1);
    await call.outcome;
    await until(() => h.sim.members('helpdesk').length === 0, 'the deferred logout carried out');
    expect(await logouts('1001')).toEqual(['requested']);
  });

  it('publishes status changes on agent.<id>.status.<type> after they are recorded', async () => {
    const bus = new InProcessBus();
    const heard: AgentStatusChanged[] = [];
    const pausedOnly: AgentStatusChanged[] = [];
    bus.subscribe('agent.*.status.>', (data) => heard.push(data as AgentStatusChanged));
    bus.subscribe('agent.1002.status.Paused', (data) => pausedOnly.push(data as AgentStatusChanged));
    h = await startSessionHarness({ bus });
    await loggedIn('1002', ['helpdesk']);
    await h.commands.execute({ type: 'Pause', commandId: 'p', agentId: '1002', at: new Date().toISOString(), via: 'api', reason: 'Lunch' });
    await h.commands.execute({ type: 'LogOutEverywhere', commandId: 'o', agentId: '1002', at: new Date().toISOString(), via: 'supervisor', reason: 'forced' });
    expect(pausedOnly).toHaveLength(1);
    expect(heard.map((s) => [s.type, s.agentId, s.queue, s.reason])).toEqual([
      ['LoggedIn', '1002', 'helpdesk', undefined],
      ['Paused', '1002', 'helpdesk', 'Lunch'],
      ['LoggedOut', '1002', 'helpdesk', 'forced'],
    ]);
  });
});
