import { InProcessBus } from '@switchboard/bus';
import {
  subjects,
  type AgentCommand,
  type AgentStreamEvent,
  type PbxAction,
  type PbxActionReply,
  type PbxActionRequest,
} from '@switchboard/contracts';
import { InMemoryEventStore } from '@switchboard/event-store';
import { createMetricsRegistry, loadConfig } from '@switchboard/platform';
import type { Registry } from 'prom-client';
import { AgentCommandService } from '../commands/agent-command.service';
import { PbxClient } from '../pbx/pbx-client';
import { StatusPublisher } from '../status/status-publisher';
import { ConfirmationFollower, type ConfirmationReport } from './confirmation-follower';
import { membershipPlanFor } from './membership-plan';
import { MembershipWatch } from './membership-watch';

const TIMEOUT = 1000;
const IFACE = 'Local/1002@agent-phones/n';

/**
 * Asterisk keeping a member after QueueRemove (calls still delivered after logoff) cannot be
 * produced by the simulator, so the PBX here is a bus responder in the gateway's place: it answers
 * every action with Success and shows the member in QueueStatus for as long as `held` says.
 */
function fakePbx(bus: InProcessBus, held: () => boolean) {
  const sent: PbxAction[] = [];
  const ready = bus.respond<PbxActionRequest, PbxActionReply>(subjects.pbxAction('pbx1'), async ({ action }) => {
    sent.push(action);
    const items = action.action === 'QueueStatus' && held() ? [{ Event: 'QueueMember', Queue: 'helpdesk', Location: IFACE, Paused: '0' }] : [];
    return { ok: true, response: 'Success', message: 'ok', fields: {}, items };
  });
  return { sent, ready };
}

describe('ConfirmationFollower: retry, then flag (fake timers)', () => {
  let bus: InProcessBus;
  let store: InMemoryEventStore;
  let metrics: Registry;
  let commands: AgentCommandService;
  let follower: ConfirmationFollower;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    bus = new InProcessBus();
    store = new InMemoryEventStore();
    metrics = createMetricsRegistry('test');
    commands = new AgentCommandService(store, metrics, new StatusPublisher(bus));
    const pbx = new PbxClient(bus, loadConfig({}));
    follower = new ConfirmationFollower(pbx, new MembershipWatch(), commands, { confirmTimeoutMs: TIMEOUT, confirmAttempts: 3, reconcileEveryMs: 0 }, metrics);
  });

  afterEach(async () => {
    jest.useRealTimers();
    await bus.close();
  });

  async function forcedLogout(): Promise<AgentStreamEvent> {
    const base = { agentId: '1002', at: '2026-11-23T09:00:00.000Z', via: 'supervisor' as const };
    await commands.execute({
      ...base,
      type: 'ChangeQueueLogin',
      commandId: 'in',
      pbxId: 'pbx1',
      mode: 'login',
      queues: ['helpdesk'],
      binding: { interface: IFACE, stateInterface: 'SIP/1002', memberName: 'Agent 1002' },
    } as AgentCommand);
    const out = await commands.execute({ ...base, type: 'LogOutEverywhere', commandId: 'out', reason: 'forced' });
    return out.events[0] as AgentStreamEvent;
  }

  async function follow(event: AgentStreamEvent): Promise<ConfirmationReport> {
    const plan = membershipPlanFor(event);
    if (!plan) throw new Error('no plan');
    let result: ConfirmationReport | undefined;
    const done = follower.follow(plan, follower.expect(plan), 'forced').then((r) => (result = r));
    // Each attempt waits TIMEOUT for the member event that never comes.
    for (let i = 0; i < 5 && result === undefined; i++) await jest.advanceTimersByTimeAsync(TIMEOUT);
    await done;
    return result as ConfirmationReport;
  }

  it('sends QueueRemove again while Asterisk holds the member, then flags it and raises the alert', async () => {
    const pbx = fakePbx(bus, () => true);
    await pbx.ready;
    const report = await follow(await forcedLogout());
    expect(report).toEqual({ queue: 'helpdesk', interface: IFACE, action: 'QueueRemove', confirmation: 'unconfirmed', attempts: 3 });
    // Two retries (the first send is the executor's), each followed by a check of the PBX itself.
    expect(pbx.sent.map((a) => a.action)).toEqual(['QueueStatus', 'QueueRemove', 'QueueStatus', 'QueueRemove', 'QueueStatus']);
    const { events } = await store.readStream('agent-1002');
    expect(events.map((e) => e.type)).toEqual(['AgentLoggedIn', 'AgentLoggedOut', 'MembershipUnconfirmed']);
    expect(events[2]?.data).toMatchObject({ expected: { member: 'absent', paused: false }, attempts: 3 });
    const text = await metrics.metrics();
    expect(text).toMatch(/switchboard_member_still_held_total\{[^}]*reason="forced"[^}]*\} 1/);
    expect(text).toMatch(/switchboard_pbx_action_retries_total\{[^}]*action="QueueRemove"[^}]*\} 2/);
  });

  it('records the confirmation when the PBX shows the removal on a retry', async () => {
    let checks = 0;
    const pbx = fakePbx(bus, () => ++checks < 2);
    await pbx.ready;
    const report = await follow(await forcedLogout());
    expect(report).toMatchObject({ confirmation: 'confirmed', attempts: 2 });
    const { events } = await store.readStream('agent-1002');
    expect(events.map((e) => e.type)).toEqual(['AgentLoggedIn', 'AgentLoggedOut', 'MembershipConfirmed']);
    expect(events[2]?.data).toMatchObject({ member: 'absent', interface: IFACE });
  });
});
