import { connect } from 'nats';
import { NatsBus } from './nats-bus';
import { startNatsCluster, type TestNatsCluster } from './testing/nats-cluster';
import { waitFor } from './testing/wait-for';

/**
 * NATS_REPLICAS on a real 3-node cluster: the stream and the lease bucket get the copies asked for
 * at connect, whether the services create them or find them with another count (idempotent).
 */
describe('stream and lease bucket replicas on a NATS cluster', () => {
  let cluster: TestNatsCluster;

  beforeAll(async () => {
    cluster = await startNatsCluster(3);
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  const replicasOf = async (stream: string): Promise<number> => {
    const nc = await connect({ servers: cluster.urls });
    try {
      return (await (await nc.jetstreamManager()).streams.info(stream)).config.num_replicas;
    } finally {
      await nc.close();
    }
  };

  /** While a stream's copies move, its info may go unanswered for a moment: ask until it says `want`. */
  const settlesAt = async (stream: string, want: number): Promise<void> =>
    waitFor(async () => (await replicasOf(stream).catch(() => 0)) === want, `${stream} with ${want} replicas`, 30_000);

  const open = async (replicas: number) => {
    const bus = await NatsBus.connect({
      servers: cluster.urls,
      name: `replicas-${replicas}`,
      streams: [{ name: 'EVENTS', subjects: ['events.>'], replicas }],
      leases: { bucket: 'leases', replicas },
    });
    await bus.leases();
    await bus.close();
  };

  it('creates both with one copy, raises both to three, and leaves them so when asked again', async () => {
    await open(1);
    await settlesAt('EVENTS', 1);
    await settlesAt('KV_leases', 1);

    // A rolling restart with NATS_REPLICAS=3: the bucket existed with one copy and is brought to three.
    await open(3);
    await settlesAt('EVENTS', 3);
    await settlesAt('KV_leases', 3);

    await open(3);
    await settlesAt('KV_leases', 3);
  }, 120_000);
});
