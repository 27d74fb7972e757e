import { startNatsServer, uniqueName, type TestNatsServer } from '@switchboard/testing';
import { connect, DiscardPolicy, StorageType, type JetStreamManager, type NatsConnection } from 'nats';
import { JetStreamAsyncPublisher, JetStreamPublishError } from './jetstream-async-publisher';

/** The asynchronous publisher against a real nats-server: what a stored, refused or lost publish looks like. */

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('JetStreamAsyncPublisher', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    jsm = await nc.jetstreamManager();
  });

  afterAll(async () => {
    await nc.close();
    await server.stop();
  });

  async function stream(limits: { maxMsgs?: number } = {}): Promise<{ name: string; subject: string }> {
    const name = uniqueName('ASYNCPUB');
    await jsm.streams.add({
      name,
      subjects: [`${name}.>`],
      storage: StorageType.Memory,
      max_msgs: limits.maxMsgs ?? -1,
      discard: DiscardPolicy.New,
    });
    return { name, subject: `${name}.events` };
  }

  async function storedTexts(name: string): Promise<string[]> {
    const info = await jsm.streams.info(name);
    const texts: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(name, { seq });
      texts.push(new TextDecoder().decode(m.data));
    }
    return texts;
  }

  it('stores many publishes in flight at once, in publish order, and resolves each once stored', async () => {
    const { name, subject } = await stream();
    const publisher = new JetStreamAsyncPublisher(nc);
    const sent = Array.from({ length: 2000 }, (_, i) => `event-${i}`);
    await Promise.all(sent.map((text, i) => publisher.publish(subject, bytes(text), `conn-1-${i}`)));
    expect(await storedTexts(name)).toEqual(sent);
    expect(publisher.inFlight).toBe(0);
    publisher.close();
  });

  it('resolves a republished message id without storing it twice (the duplicate window)', async () => {
    const { name, subject } = await stream();
    const publisher = new JetStreamAsyncPublisher(nc);
    await publisher.publish(subject, bytes('first'), 'same-id');
    await publisher.publish(subject, bytes('first'), 'same-id');
    expect(await storedTexts(name)).toEqual(['first']);
    publisher.close();
  });

  it('rejects a subject no stream takes, saying so', async () => {
    const publisher = new JetStreamAsyncPublisher(nc);
    await expect(publisher.publish(`${uniqueName('nowhere')}.x`, bytes('lost?'), 'id')).rejects.toThrow(/no stream takes this subject/);
    publisher.close();
  });

  it('rejects what JetStream refuses (a full stream that discards new messages) and keeps the rest', async () => {
    const { name, subject } = await stream({ maxMsgs: 2 });
    const publisher = new JetStreamAsyncPublisher(nc);
    const results = await Promise.allSettled(['a', 'b', 'c'].map((text, i) => publisher.publish(subject, bytes(text), `full-${i}`)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(JetStreamPublishError);
    expect(await storedTexts(name)).toEqual(['a', 'b']);
    publisher.close();
  });

  it('rejects after its timeout when the server goes away, and the retry after it comes back is stored once', async () => {
    const own = await startNatsServer({ private: true });
    const conn = await connect({ servers: own.url, reconnectTimeWait: 100, maxReconnectAttempts: -1 });
    const ownJsm = await conn.jetstreamManager();
    const name = uniqueName('ASYNCPUBDOWN');
    await ownJsm.streams.add({ name, subjects: [`${name}.>`], storage: StorageType.File });
    const publisher = new JetStreamAsyncPublisher(conn, 300);
    try {
      await own.restart(async () => {
        await expect(publisher.publish(`${name}.x`, bytes('during outage'), 'outage-1')).rejects.toThrow(/no acknowledgement within 300 ms/);
      });
      // Retried the way the gateway's ordered publisher does: same message id until stored.
      for (let attempt = 0; ; attempt++) {
        try {
          await publisher.publish(`${name}.x`, bytes('during outage'), 'outage-1');
          break;
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect((await ownJsm.streams.info(name)).state.messages).toBe(1);
    } finally {
      publisher.close();
      await conn.close();
      await own.stop();
    }
  });

  it('rejects whatever is still waiting when closed, and refuses new publishes', async () => {
    const { subject } = await stream();
    const publisher = new JetStreamAsyncPublisher(nc, 60_000);
    const waiting = publisher.publish(subject, bytes('x'), 'closing-1');
    publisher.close();
    await expect(waiting).rejects.toThrow(/closed/);
    await expect(publisher.publish(subject, bytes('y'), 'closing-2')).rejects.toThrow(/closed/);
  });
});
