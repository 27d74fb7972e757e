import { InProcessBus } from '@switchboard/bus';
import {
  subjects,
  type PbxActionReply,
  type PbxActionRequest,
  type PbxEvent,
} from '@switchboard/contracts';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { PbxGateway } from './pbx-gateway';

/** Collects every PBX event the gateway publishes, in order. */
async function collect(bus: InProcessBus, pbxId: string): Promise<PbxEvent[]> {
  const events: PbxEvent[] = [];
  await bus.consume<PbxEvent>({
    durable: 'test-collector',
    filterSubject: subjects.pbxEventsOf(pbxId),
    handler: async (m) => {
      events.push(m.data);
    },
  });
  return events;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('PbxGateway against the simulator over real TCP', () => {
  let sim: PbxSimulator;
  let bus: InProcessBus;
  let gateway: PbxGateway;
  let port: number;

  beforeEach(async () => {
    sim = new PbxSimulator({ port: 0 });
    port = (await sim.start()).port;
    bus = new InProcessBus();
    gateway = new PbxGateway(
      { pbxId: 'pbx1', host: '127.0.0.1', port, username: 'gateway', secret: 'gateway-secret' },
      bus,
      { actionTimeoutMs: 2000, reconnectMinMs: 50, reconnectMaxMs: 200 },
    );
  });

  afterEach(async () => {
    await gateway.stop();
    await sim.stop();
    await bus.close();
  });

  it('publishes AmiConnected, then typed events in AMI order with gap-free sequence numbers', async () => {
    const events = await collect(bus, 'pbx1');
    await gateway.start();
    await until(() => gateway.connected, 'login');
    await sim.dialFeatureCode('1001', '811');
    await until(() => events.some((e) => e.type === 'FeatureCodeDialed'), 'the feature code event');
    expect(events[0].type).toBe('AmiConnected');
    const seqs = events.map((e) => e.metadata.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const feature = events.find((e) => e.type === 'FeatureCodeDialed');
    expect(feature).toMatchObject({ data: { code: '811', caller: '1001' }, metadata: { pbxId: 'pbx1' } });
  });

  it('publishes a QueueStatus snapshot of what Asterisk holds after every login', async () => {
    const events = await collect(bus, 'pbx1');
    await gateway.start();
    await until(() => gateway.connected, 'login');
    await gateway.execute({
      pbxId: 'pbx1',
      action: { action: 'QueueAdd', queue: 'sales', interface: 'Local/1003@agent-phones/n', memberName: 'Agent 1003', stateInterface: 'SIP/1003', paused: true, reason: 'Training' },
    });
    // A new gateway (a restart, or a standby taking over) sees the member in its snapshot.
    await gateway.stop();
    gateway = new PbxGateway(
      { pbxId: 'pbx1', host: '127.0.0.1', port, username: 'gateway', secret: 'gateway-secret' },
      bus,
      { actionTimeoutMs: 2000 },
    );
    await gateway.start();
    await until(() => events.filter((e) => e.type === 'QueueStatusSnapshot').length === 2, 'two snapshots');
    const snapshots = events.flatMap((e) => (e.type === 'QueueStatusSnapshot' ? [e] : []));
    expect(snapshots.map((e) => e.data.reason)).toEqual(['fully-booted', 'fully-booted']);
    expect(snapshots[0].data.members).toEqual([]);
    expect(snapshots[1].data.members).toEqual([
      expect.objectContaining({ queue: 'sales', interface: 'Local/1003@agent-phones/n', stateInterface: 'SIP/1003', paused: true, pausedReason: 'Training' }),
    ]);
  });

  it('does not publish filtered event names, and counts them', async () => {
    await gateway.stop();
    gateway = new PbxGateway(
      { pbxId: 'pbx1', host: '127.0.0.1', port, username: 'gateway', secret: 'gateway-secret' },
      bus,
      { actionTimeoutMs: 2000, eventFilter: ['Newexten', 'VarSet'] },
    );
    const events = await collect(bus, 'pbx1');
    await gateway.start();
    await until(() => gateway.connected, 'login');
    await sim.dialFeatureCode('1001', '811');
    await until(() => events.some((e) => e.type === 'FeatureCodeDialed'), 'the feature code event');
    expect(gateway.filtered).toBeGreaterThan(0);
    const names = events.flatMap((e) => (e.type === 'Unmapped' ? [e.data.event] : []));
    expect(names).not.toContain('Newexten');
    expect(names).not.toContain('VarSet');
  });

  it('executes actions requested over the bus and returns Asterisk’s response', async () => {
    await gateway.start();
    await until(() => gateway.connected, 'login');
    const add = await bus.request<PbxActionRequest, PbxActionReply>(
      subjects.pbxAction('pbx1'),
      {
        pbxId: 'pbx1',
        action: {
          action: 'QueueAdd',
          queue: 'helpdesk',
          interface: 'Local/1001@agent-phones/n',
          memberName: 'Agent 1001',
          stateInterface: 'SIP/1001',
          paused: false,
        },
      },
      3000,
    );
    expect(add).toMatchObject({ ok: true, message: 'Added interface to queue' });
    expect(sim.members('helpdesk').map((m) => m.interface)).toContain('Local/1001@agent-phones/n');
    const again = await gateway.execute({
      pbxId: 'pbx1',
      action: {
        action: 'QueueAdd',
        queue: 'helpdesk',
        interface: 'Local/1001@agent-phones/n',
        memberName: 'Agent 1001',
        stateInterface: 'SIP/1001',
        paused: false,
      },
    });
    expect(again).toMatchObject({ ok: false, message: 'Unable to add interface: Already there' });
  });

  it('refuses an action whose text would inject another AMI action, without sending it', async () => {
    await gateway.start();
    await until(() => gateway.connected, 'login');
    const reply = await gateway.execute({
      pbxId: 'pbx1',
      action: { action: 'QueuePause', interface: 'Local/1001@agent-phones/n', paused: true, reason: 'Lunch\r\nAction: Hangup' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_action' } });
  });

  it('reconnects after the PBX goes away and marks the connection change on the bus', async () => {
    const events = await collect(bus, 'pbx1');
    await gateway.start();
    await until(() => gateway.connected, 'login');
    await sim.stop();
    await until(() => !gateway.connected, 'the disconnect');
    sim = new PbxSimulator({ port });
    await sim.start();
    await until(() => gateway.connected, 'the reconnect', 15_000);
    await until(() => events.filter((e) => e.type === 'AmiConnected').length === 2, 'the second AmiConnected');
    const types = events.map((e) => e.type);
    expect(types.indexOf('AmiDisconnected')).toBeGreaterThan(0);
    expect(types.lastIndexOf('AmiConnected')).toBeGreaterThan(types.indexOf('AmiDisconnected'));
    const connections = new Set(events.filter((e) => e.type === 'AmiConnected').map((e) => e.metadata.connectionId));
    expect(connections.size).toBe(2);
  });
});
