import { startNatsServer, uniqueName, type TestNatsServer } from '@switchboard/testing';
import { connect, type ConsumerInfo } from 'nats';
import type { BusLogger } from './bus-logger';
import { NatsBus, type NatsBusOptions } from './nats-bus';
import { waitFor } from './testing/wait-for';

/** Failure modes of the NATS adapter that only a real nats-server shows. */


function collectingLogger(): BusLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (m) => void lines.push(`warn ${m}`), error: (m) => void lines.push(`error ${m}`) };
}

/** The server's own view of a durable, through a separate connection. */
async function consumerInfo(url: string, stream: string, durable: string): Promise<ConsumerInfo> {
  const nc = await connect({ servers: url });
  try {
    return await (await nc.jetstreamManager()).consumers.info(stream, durable);
  } finally {
    await nc.close();
  }
}

/** Publishes through a NATS restart: the message id makes a retried publish harmless. */
async function publishSurely(bus: NatsBus, subject: string, data: unknown, msgId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await bus.publish(subject, data, { msgId });
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('NATS bus on a real nats-server', () => {
  let server: TestNatsServer;
  const open: NatsBus[] = [];

  beforeEach(async () => {
    // Private: one test restarts it.
    server = await startNatsServer({ private: true });
  });

  afterEach(async () => {
    for (const bus of open.splice(0)) await bus.close();
    await server.stop();
  });

  async function busFor(stream: string, extra: Partial<NatsBusOptions> = {}): Promise<NatsBus> {
    const bus = await NatsBus.connect({ servers: server.url, name: 'resilience', streams: [{ name: stream, subjects: [`${stream}.>`] }], ...extra });
    open.push(bus);
    return bus;
  }

  it('terminates a poison message once: nats-server 2.9 never delivers it again', async () => {
    const stream = uniqueName('poison');
    const logger = collectingLogger();
    // A short ack wait: a termination the server did not understand would show as a redelivery.
    const bus = await busFor(stream, { ackWaitMs: 500, logger });
    const deliveries: string[] = [];
    await bus.consume<{ kind: string }>({
      durable: 'p',
      filterSubject: `${stream}.>`,
      handler: async (m) => {
        deliveries.push(m.data.kind);
        if (m.data.kind === 'poison') throw new Error('cannot read this');
      },
    });
    await bus.publish(`${stream}.ev`, { kind: 'poison' }, { msgId: 'p1' });
    await bus.publish(`${stream}.ev`, { kind: 'good' }, { msgId: 'g1' });
    await waitFor(() => deliveries.includes('good'), 'the good message');
    // Nothing outstanding on the server: the poison message is done with, not waiting to come back.
    await waitFor(async () => {
      const info = await consumerInfo(server.url, stream, 'p');
      return info.num_ack_pending === 0 && info.num_pending === 0 && info.num_redelivered === 0;
    }, 'the server to hold nothing for redelivery');
    expect(deliveries).toEqual(['poison', 'good']);
    expect(logger.lines.some((l) => l.startsWith('error') && l.includes('cannot read this'))).toBe(true);
  });

  it('stop() returns after the handler in progress and loses nothing: the next instance gets the rest once', async () => {
    const stream = uniqueName('stop');
    // An ack wait far beyond the test: only a nak can bring a message back in time.
    const bus = await busFor(stream, { ackWaitMs: 3_600_000 });
    for (let i = 0; i < 30; i++) await bus.publish(`${stream}.ev`, { i }, { msgId: `m${i}` });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const first: number[] = [];
    const c1 = await bus.consume<{ i: number }>({
      durable: 'd',
      filterSubject: `${stream}.>`,
      handler: async (m) => {
        first.push(m.data.i);
        if (m.data.i === 0) await gate;
      },
    });
    await waitFor(() => first.length === 1, 'the first message in the handler');
    const stopped = c1.stop();
    // Published while the first instance still has a pull request open.
    for (let i = 30; i < 40; i++) await bus.publish(`${stream}.ev`, { i }, { msgId: `m${i}` });
    release();
    await stopped;
    // Stopping is prompt (a SIGTERM has a grace period): no handler starts after stop() was called.
    expect(first).toEqual([0]);

    const second: number[] = [];
    const c2 = await bus.consume<{ i: number }>({ durable: 'd', filterSubject: `${stream}.>`, handler: async (m) => void second.push(m.data.i) });
    await waitFor(() => second.length >= 39, 'the other 39 messages');
    // Handed-back messages come back after a delay (see NatsPullConsumer), so after 30..39, which
    // the stopped instance never received: JetStream's redelivery order, not ours to restore.
    expect([...second].sort((a, b) => a - b)).toEqual(Array.from({ length: 39 }, (_, k) => k + 1));
    expect(new Set(second).size).toBe(39);
    await c2.stop();
    const info = await consumerInfo(server.url, stream, 'd');
    expect(info.num_ack_pending).toBe(0);
  });

  it('keeps consuming across a nats-server restart, and is not ready while the server is down', async () => {
    const stream = uniqueName('restart');
    const logger = collectingLogger();
    const bus = await busFor(stream, { logger });
    const got: number[] = [];
    const c = await bus.consume<{ i: number }>({ durable: 'r', filterSubject: `${stream}.>`, handler: async (m) => void got.push(m.data.i) });
    for (let i = 0; i < 5; i++) await bus.publish(`${stream}.ev`, { i }, { msgId: `r${i}` });
    await waitFor(() => got.length === 5, 'the messages before the restart');
    expect(c.health().ok).toBe(true);

    await server.restart(async () => {
      await waitFor(() => !c.health().ok, 'the consumer to report the outage');
    });
    for (let i = 5; i < 10; i++) await publishSurely(bus, `${stream}.ev`, { i }, `r${i}`);
    await waitFor(() => got.length >= 10, 'the messages after the restart');
    expect(got).toEqual([...Array(10).keys()]);
    await waitFor(() => c.health().ok, 'the consumer to report ready again');
  }, 60_000);

  it('close() finishes the handler in progress and acks it, and hands back the rest', async () => {
    const stream = uniqueName('close');
    const bus = await NatsBus.connect({ servers: server.url, name: 'closing', streams: [{ name: stream, subjects: [`${stream}.>`] }], ackWaitMs: 3_600_000 });
    for (let i = 0; i < 5; i++) await bus.publish(`${stream}.ev`, { i }, { msgId: `c${i}` });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const events: string[] = [];
    await bus.consume<{ i: number }>({
      durable: 'c',
      filterSubject: `${stream}.>`,
      handler: async (m) => {
        events.push(`start ${m.data.i}`);
        await gate;
        events.push(`end ${m.data.i}`);
      },
    });
    await waitFor(() => events.length === 1, 'the first message in the handler');
    const closed = bus.close().then(() => void events.push('closed'));
    release();
    await closed;
    expect(events).toEqual(['start 0', 'end 0', 'closed']);

    const next = await busFor(stream);
    const rest: number[] = [];
    await next.consume<{ i: number }>({ durable: 'c', filterSubject: `${stream}.>`, handler: async (m) => void rest.push(m.data.i) });
    await waitFor(() => rest.length >= 4, 'the four messages handed back');
    expect(rest).toEqual([1, 2, 3, 4]);
    await waitFor(async () => (await consumerInfo(server.url, stream, 'c')).num_ack_pending === 0, 'every message acked');
  });

  it('close() returns when the server is unreachable instead of waiting for it forever', async () => {
    const stream = uniqueName('unreachable');
    const bus = await NatsBus.connect({ servers: server.url, name: 'orphan', streams: [{ name: stream, subjects: [`${stream}.>`] }] });
    await bus.consume({ durable: 'u', filterSubject: `${stream}.>`, handler: async () => undefined });
    await server.restart(async () => {
      await bus.close();
    });
  }, 60_000);
});
