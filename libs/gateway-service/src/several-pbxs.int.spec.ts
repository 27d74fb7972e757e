import { InProcessBus } from '@switchboard/bus';
import { subjects, type PbxActionReply, type PbxActionRequest, type PbxEvent } from '@switchboard/contracts';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { PbxGateway } from './pbx-gateway';

describe('several PBXs', () => {
  it('keeps each PBX apart: its id in every subject and event, its own actions', async () => {
    const sims = [new PbxSimulator({ port: 0 }), new PbxSimulator({ port: 0 })];
    const ports = [(await sims[0].start()).port, (await sims[1].start()).port];
    const bus = new InProcessBus();
    const seen: Array<{ subject: string; event: PbxEvent }> = [];
    await bus.consume<PbxEvent>({ durable: 'all', filterSubject: subjects.allPbxEvents, handler: async (m) => void seen.push({ subject: m.subject, event: m.data }) });
    const gateways = ['paris', 'lyon'].map(
      (pbxId, i) => new PbxGateway({ pbxId, host: '127.0.0.1', port: ports[i], username: 'gateway', secret: 'gateway-secret' }, bus, { actionTimeoutMs: 2000 }),
    );
    for (const g of gateways) await g.start();
    const deadline = Date.now() + 5000;
    while (!gateways.every((g) => g.connected) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));

    await sims[1].dialFeatureCode('1003', '812');
    const add = await bus.request<PbxActionRequest, PbxActionReply>(
      subjects.pbxAction('paris'),
      { pbxId: 'paris', action: { action: 'QueueAdd', queue: 'sales', interface: 'Local/1002@agent-phones/n', memberName: 'Agent 1002', stateInterface: 'SIP/1002', paused: false } },
      3000,
    );
    expect(add.ok).toBe(true);
    expect(sims[0].members('sales')).toHaveLength(1);
    expect(sims[1].members('sales')).toHaveLength(0);

    while (!seen.some((s) => s.event.type === 'FeatureCodeDialed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const feature = seen.find((s) => s.event.type === 'FeatureCodeDialed');
    expect(feature?.subject).toBe('pbx.lyon.event.FeatureCodeDialed');
    expect(feature?.event.metadata.pbxId).toBe('lyon');
    for (const s of seen) expect(s.subject.startsWith(`pbx.${s.event.metadata.pbxId}.event.`)).toBe(true);

    for (const g of gateways) await g.stop();
    for (const sim of sims) await sim.stop();
    await bus.close();
  });
});
