import { startNatsServer, uniqueName, type TestNatsServer } from '@switchboard/testing';
import { NatsBus } from './nats-bus';
import { waitFor } from './testing/wait-for';

/** Readiness "caught up within a bound" (issue 6), on a real nats-server. */


describe('a JetStream consumer behind by more than READY_MAX_CONSUMER_LAG', () => {
  let server: TestNatsServer;
  let bus: NatsBus;
  const stream = uniqueName('lag');

  beforeAll(async () => {
    server = await startNatsServer();
    // A short period so the test does not wait for the production one (5 s).
    bus = await NatsBus.connect({
      servers: server.url,
      name: 'lag',
      streams: [{ name: stream, subjects: [`${stream}.>`] }],
      maxConsumerLag: 5,
      consumerLagCheckMs: 100,
    });
  });

  afterAll(async () => {
    await bus.close();
    await server.stop();
  });

  it('reports not ready with its lag while the backlog is above the bound, and ready once caught up', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let handled = 0;
    const c = await bus.consumeBatch<{ i: number }>({
      durable: 'behind',
      filterSubject: `${stream}.>`,
      maxBatch: 4,
      handler: async (messages) => {
        await gate;
        handled += messages.length;
      },
    });
    await waitFor(() => c.health().lag === 0, 'the first lag reading');
    expect(c.health()).toMatchObject({ ok: true, lag: 0 });

    for (let i = 0; i < 20; i++) await bus.publish(`${stream}.ev`, { i }, { msgId: `m${i}` });
    // Delivered but not acked counts too: the whole backlog may sit in this process's buffer.
    await waitFor(() => c.health().lag === 20, 'a lag of 20');
    const behind = c.health();
    expect(behind.ok).toBe(false);
    expect(behind.detail).toMatch(/lag 20 .*above READY_MAX_CONSUMER_LAG 5/);
    // The lag gauge (libs/platform) reads the same reading, labelled by durable and stream.
    expect(bus.consumerLags()).toEqual([{ durable: 'behind', stream, lag: 20 }]);

    release();
    await waitFor(() => handled === 20, 'the backlog handled');
    await waitFor(() => c.health().ok, 'ready again');
    expect(c.health()).toMatchObject({ ok: true, lag: 0 });
    await c.stop();
    expect(bus.consumerLags()).toEqual([]);
  });

  it('a bound of 0 is no bound', async () => {
    const unbounded = await NatsBus.connect({
      servers: server.url,
      name: 'lag-off',
      streams: [{ name: stream, subjects: [`${stream}.>`] }],
      maxConsumerLag: 0,
      consumerLagCheckMs: 100,
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    try {
      const c = await unbounded.consume({ durable: 'stuck', filterSubject: `${stream}.stuck.>`, handler: () => gate });
      for (let i = 0; i < 3; i++) await unbounded.publish(`${stream}.stuck.x`, { i }, { msgId: `n${i}` });
      await waitFor(() => c.health().lag === 3, 'a lag of 3');
      expect(c.health().ok).toBe(true);
    } finally {
      // close() waits for the handler in progress.
      release();
      await unbounded.close();
    }
  });
});
