// Load mode over a real socket: a modest rate for about two seconds, one client parsing the whole
// stream with @switchboard/ami's AmiFrameParser. Correctness only — how fast it goes is measured
// by src/measure-load.ts, never asserted here (it depends on the machine).

import type { Socket } from 'node:net';
import { connect } from 'node:net';
import type { AmiMessage } from '@switchboard/ami';
import { AmiFrameParser, encodeMessage } from '@switchboard/ami';
import { PbxSimulator } from './simulator';
import { sleep } from './testing/ami-test-client';

/** A plain client: every frame through one AmiFrameParser, counted by what it turned out to be. */
class StreamReader {
  readonly events: AmiMessage[] = [];
  readonly responses: AmiMessage[] = [];
  readonly bad: string[] = [];
  private readonly parser = new AmiFrameParser();

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.parser.push(chunk)) {
        if (frame.kind === 'bad') this.bad.push(frame.reason);
        else if (frame.kind === 'message' && frame.message.kind === 'event') {
          this.events.push(frame.message);
        } else if (frame.kind === 'message') this.responses.push(frame.message);
      }
    });
  }

  /** Send an action and wait for its Response: everything written before it has arrived too. */
  async roundTrip(fields: Array<[string, string]>, id: string): Promise<AmiMessage> {
    this.socket.write(encodeMessage([...fields, ['ActionID', id]]));
    for (let i = 0; i < 500; i++) {
      const response = this.responses.find((r) => r.get('ActionID') === id);
      if (response) return response;
      await sleep(10);
    }
    throw new Error(`no response to ${id}`);
  }
}

async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 20) {
    if (check()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('load mode', () => {
  let sim: PbxSimulator;
  let socket: Socket | undefined;

  afterEach(async () => {
    socket?.destroy();
    await sim.stop();
  });

  it('streams parseable events to a client and reports the event rate in stats()', async () => {
    sim = new PbxSimulator({ seed: 3 });
    const { port } = await sim.start();
    socket = connect(port, '127.0.0.1');
    const reader = new StreamReader(socket);
    const login = await reader.roundTrip(
      [
        ['Action', 'Login'],
        ['Username', 'gateway'],
        ['Secret', 'gateway-secret'],
      ],
      'login',
    );
    expect(login.get('Message')).toBe('Authentication accepted');
    const before = sim.stats().eventsSent;

    const started = sim.startLoad({ rate: 20, agents: 6 });
    expect(started).toEqual({ running: true, rate: 20, agents: 6, callsStarted: 0 });
    // Phones beyond the four configured ones are created; all agents are registered members.
    expect(sim.phones().map((p) => [p.ext, p.registered])).toEqual([
      ['1001', true],
      ['1002', true],
      ['1003', true],
      ['2001', true],
      ['1004', true],
      ['1005', true],
      ['1006', true],
    ]);
    const agents = ['1001', '1002', '1003', '1004', '1005', '1006'];
    for (const queue of ['helpdesk', 'sales']) {
      expect(sim.members(queue).map((m) => m.interface)).toEqual(
        agents.map((ext) => `Local/${ext}@agent-phones/n`),
      );
    }

    await sleep(2_000);
    const during = sim.stats();
    expect(during.load).toMatchObject({ running: true, rate: 20, agents: 6 });
    expect(during.load?.callsStarted).toBeGreaterThan(0);
    // The rate is a count over the last second: present, and no more than was ever sent.
    expect(during.eventsSentPerSecond).toBeGreaterThan(0);
    expect(during.eventsSentPerSecond).toBeLessThanOrEqual(during.eventsSent - before);
    // One client that wants everything: what was sent is what was produced, give or take the
    // few events on either side of a bucket boundary.
    expect(Math.abs(during.eventsSentPerSecond - during.eventsPerSecond)).toBeLessThanOrEqual(
      Math.max(5, during.eventsPerSecond / 100),
    );

    sim.stopLoad();
    expect(sim.stats().load?.running).toBe(false);
    await eventually(() => sim.stats().activeCalls === 0, 'the load calls to finish');
    await reader.roundTrip([['Action', 'Ping']], 'flush');

    const after = sim.stats();
    expect(reader.bad).toEqual([]);
    // Every event frame written arrived and parsed (the login's two events included).
    expect(reader.events).toHaveLength(after.eventsSent);
    const names = new Set(reader.events.map((e) => e.get('Event')));
    for (const name of ['QueueCallerJoin', 'AgentCalled', 'AgentConnect', 'AgentComplete']) {
      expect(names).toContain(name);
    }
    const joins = reader.events.filter((e) => e.get('Event') === 'QueueCallerJoin');
    expect(joins).toHaveLength(after.load?.callsStarted ?? -1);
    // Quiet for over a second: the rate falls back to zero.
    await sleep(1_200);
    expect(sim.stats()).toMatchObject({ eventsPerSecond: 0, eventsSentPerSecond: 0 });
  }, 20_000);

  it('rejects options it cannot honour', async () => {
    sim = new PbxSimulator({ seed: 3 });
    expect(() => sim.startLoad({ rate: 0 })).toThrow('load rate must be a positive number');
    expect(() => sim.startLoad({ agents: 1_000 })).toThrow('from 1 to 999');
    expect(() => sim.startLoad({ queues: ['support'] })).toThrow('no queue named support');
    expect(() => sim.startLoad({ ringMs: [50, 10] })).toThrow('ringMs must be a range');
    expect(sim.stats().load).toBeUndefined();
    await sim.stop();
    expect(() => sim.startLoad()).toThrow('the simulator is stopped');
  });
});
