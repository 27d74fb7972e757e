import { JetStreamAsyncPublisher } from '@switchboard/bus';
import { connect, JSONCodec } from 'nats';
import { startNatsServer } from '@switchboard/testing';

export interface JetStreamCeiling {
  /** nats.js's own `js.publish`: a request (reply subscription entry, timer, promise) per message. */
  readonly jsPublish: number;
  /** The bus's JetStreamAsyncPublisher: a core publish with a reply subject under one inbox. */
  readonly asyncPublish: number;
}

/**
 * The ceiling the gateway works under: how many acked JetStream publishes (with a message id, as
 * the gateway sends them) one connection gets from a local nats-server on this machine, for the
 * gateway's window of in-flight publishes — through nats.js's `js.publish` and through the bus's
 * asynchronous publisher. Nothing else of ours is in the loop.
 */
export async function runJetStreamCeilingBench(count = 60_000, window = 256): Promise<JetStreamCeiling> {
  const server = await startNatsServer();
  const nc = await connect({ servers: server.url });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: 'CEILING', subjects: ['ceiling.>'] });
    const js = nc.jetstream();
    const codec = JSONCodec();
    const payload = codec.encode({
      type: 'Unmapped',
      data: { event: 'VarSet', headers: { Privilege: 'dialplan,all', Channel: 'Local/1001@agent-phones-00000008;1', Variable: 'MEMBERINTERFACE', Value: 'Local/1001@agent-phones/n' } },
      metadata: { schemaVersion: 1, pbxId: 'pbx1', connectionId: 'bench', seq: 1, occurredAt: new Date().toISOString() },
    });
    const rate = async (publish: (msgId: string) => Promise<unknown>): Promise<number> => {
      const started = Date.now();
      for (let i = 0; i < count; i += window) {
        await Promise.all(Array.from({ length: Math.min(window, count - i) }, (_, k) => publish(`m-${i + k}`)));
      }
      return Math.round(count / ((Date.now() - started) / 1000));
    };
    const jsPublish = await rate((id) => js.publish('ceiling.x', payload, { msgID: `js-${id}` }));
    const publisher = new JetStreamAsyncPublisher(nc);
    const asyncPublish = await rate((id) => publisher.publish('ceiling.x', payload, `async-${id}`));
    publisher.close();
    return { jsPublish, asyncPublish };
  } finally {
    await nc.close();
    await server.stop();
  }
}
