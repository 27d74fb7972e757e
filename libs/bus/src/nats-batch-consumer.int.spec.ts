import { startNatsServer, uniqueName, type TestNatsServer } from '@switchboard/testing';
import { connect } from 'nats';
import { NatsBus } from './nats-bus';
import { waitFor } from './testing/wait-for';

/** Batch consumers stopping on a real nats-server: nothing lost, nothing handled twice. */


async function ackPending(url: string, stream: string, durable: string): Promise<number> {
  const nc = await connect({ servers: url });
  try {
    return (await (await nc.jetstreamManager()).consumers.info(stream, durable)).num_ack_pending;
  } finally {
    await nc.close();
  }
}

describe('NATS batch consumer', () => {
  let server: TestNatsServer;
  const open: NatsBus[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
  });

  afterAll(async () => {
    for (const bus of open.splice(0)) await bus.close();
    await server.stop();
  });

  async function busFor(stream: string): Promise<NatsBus> {
    // An ack wait far beyond the test: only a nak can bring a message back in time.
    const bus = await NatsBus.connect({ servers: server.url, name: 'batch', streams: [{ name: stream, subjects: [`${stream}.>`] }], ackWaitMs: 3_600_000 });
    open.push(bus);
    return bus;
  }

  it('stop() finishes and acks the batch in progress and hands back the rest: the next instance gets it once', async () => {
    const stream = uniqueName('bstop');
    const bus = await busFor(stream);
    for (let i = 0; i < 40; i++) await bus.publish(`${stream}.ev`, { i }, { msgId: `m${i}` });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const first: number[][] = [];
    const c1 = await bus.consumeBatch<{ i: number }>({
      durable: 'd',
      filterSubject: `${stream}.>`,
      maxBatch: 10,
      handler: async (messages) => {
        first.push(messages.map((m) => m.data.i));
        await gate;
      },
    });
    await waitFor(() => first.length === 1, 'the first batch in the handler');
    const stopped = c1.stop();
    release();
    await stopped;
    // No batch starts after stop() was called.
    expect(first).toHaveLength(1);
    const done = first[0] ?? [];
    expect(done.length).toBeGreaterThan(1);

    const second: number[] = [];
    const c2 = await bus.consumeBatch<{ i: number }>({
      durable: 'd',
      filterSubject: `${stream}.>`,
      maxBatch: 10,
      handler: async (messages) => void second.push(...messages.map((m) => m.data.i)),
    });
    await waitFor(() => done.length + second.length >= 40, 'the rest');
    await new Promise((r) => setTimeout(r, 200));
    expect([...done, ...second].sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    await c2.stop();
    expect(await ackPending(server.url, stream, 'd')).toBe(0);
  });
});
