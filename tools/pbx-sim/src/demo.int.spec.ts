// Demo traffic: feature codes from agents (and the odd stranger), inbound calls to the queues.

import type { AmiFields } from './channel';
import { PbxSimulator } from './simulator';
import { AmiTestClient, sleep } from './testing/ami-test-client';

const field = (f: AmiFields, name: string): string | undefined => f.find(([k]) => k === name)?.[1];

describe('demo mode', () => {
  let sim: PbxSimulator;

  afterEach(async () => {
    await sim.stop();
  });

  it('produces feature codes and inbound calls at the configured pace, and stops', async () => {
    sim = new PbxSimulator({
      seed: 99,
      timing: { featureHoldMs: 50, playbackMs: 10, patienceMs: 50 },
      demo: {
        featureCodeEveryMs: 40,
        inboundEveryMs: 40,
        ringMs: [10, 20],
        talkMs: [20, 40],
        strangerRate: 0.3,
      },
    });
    const events: AmiFields[] = [];
    sim.on('ami-event', (f: AmiFields) => events.push(f));
    const { port } = await sim.start();
    const client = await AmiTestClient.login(port);
    await sleep(600);
    sim.stopDemo();

    const users = events.filter((f) => field(f, 'Event') === 'UserEvent');
    const joins = events.filter((f) => field(f, 'Event') === 'QueueCallerJoin');
    expect(users.length).toBeGreaterThan(3);
    expect(joins.length).toBeGreaterThan(3);
    const callers = new Set(users.map((f) => field(f, 'Caller')));
    expect([...callers].every((c) => ['1001', '1002', '1003', '2001'].includes(c ?? ''))).toBe(
      true,
    );
    const codes = new Set(users.map((f) => field(f, 'Code')));
    expect([...codes].every((c) => ['811', '812', '900'].includes(c ?? ''))).toBe(true);
    expect(new Set(joins.map((f) => field(f, 'Queue')))).toEqual(new Set(['helpdesk', 'sales']));
    // Nobody logged the agents in (no gateway), so the callers give up.
    expect(events.some((f) => field(f, 'Event') === 'QueueCallerAbandon')).toBe(true);

    const before = events.length;
    await sleep(300);
    const late = events
      .slice(before)
      .filter((f) => ['UserEvent', 'QueueCallerJoin'].includes(field(f, 'Event') ?? ''));
    expect(late).toHaveLength(0);
    await client.close();
  });

  it('answers most demo calls once agents are members', async () => {
    sim = new PbxSimulator({
      seed: 4,
      timing: { featureHoldMs: 50, playbackMs: 10, patienceMs: 2000 },
    });
    const events: AmiFields[] = [];
    sim.on('ami-event', (f: AmiFields) => events.push(f));
    const { port } = await sim.start();
    const client = await AmiTestClient.login(port);
    for (const ext of ['1001', '1002', '1003']) {
      await client.action('QueueAdd', [
        ['Queue', 'helpdesk'],
        ['Interface', `Local/${ext}@agent-phones/n`],
        ['StateInterface', `SIP/${ext}`],
      ]);
    }
    sim.startDemo({
      featureCodeEveryMs: 10_000,
      inboundEveryMs: 30,
      inboundQueues: { helpdesk: 1 },
      abandonRate: 0,
      ringMs: [10, 20],
      talkMs: [20, 40],
    });
    await sleep(500);
    sim.stopDemo();
    expect(events.filter((f) => field(f, 'Event') === 'AgentConnect').length).toBeGreaterThan(3);
    await client.close();
  });
});
