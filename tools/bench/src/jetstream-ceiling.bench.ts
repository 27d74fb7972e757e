import { connect, JSONCodec } from 'nats';
import { startNatsServer } from '@switchboard/testing';

/**
 * The ceiling the gateway works under: how many acked JetStream publishes (with a message id, as
 * the gateway sends them) one nats.js connection gets from a local nats-server on this machine,
 * for the gateway's window of in-flight publishes. Nothing of ours is in the loop.
 */
export async function runJetStreamCeilingBench(count = 60_000, window = 256): Promise<number> {
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
    const started = Date.now();
    for (let i = 0; i < count; i += window) {
      const batch = Array.from({ length: Math.min(window, count - i) }, (_, k) => js.publish('ceiling.x', payload, { msgID: `m-${i + k}` }));
      await Promise.all(batch);
    }
    return Math.round(count / ((Date.now() - started) / 1000));
  } finally {
    await nc.close();
    await server.stop();
  }
}
