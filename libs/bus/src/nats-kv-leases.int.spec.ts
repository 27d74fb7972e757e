import { startNatsServer, uniqueName, type TestNatsServer } from '@switchboard/testing';
import { NatsBus } from './nats-bus';

let server: TestNatsServer;

beforeAll(async () => {
  server = await startNatsServer();
});

afterAll(async () => {
  await server.stop();
});

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

/** Closes the NATS connection under the bus, as a crash or a network cut would: no release. */
async function rawClose(bus: NatsBus): Promise<void> {
  await (bus as unknown as { nc: { close(): Promise<void> } }).nc.close();
}

describe('NATS KV leases (real nats-server)', () => {
  const connect = (bucket: string) =>
    NatsBus.connect({ servers: server.url, name: 'lease-test', streams: [], leases: { bucket, ttlMs: 1500, renewMs: 500 } });

  it('gives a key to exactly one replica, and to the standby once the owner dies', async () => {
    const bucket = uniqueName('leases');
    const key = 'pbx1';
    const [a, b] = [await connect(bucket), await connect(bucket)];
    const owners: string[] = [];
    const log = (name: string) => ({
      onAcquired: () => void owners.push(name),
      onLost: () => void owners.push(`${name} lost`),
    });
    const leaseA = await (await a.leases()).campaign(key, 'a', log('a'));
    const leaseB = await (await b.leases()).campaign(key, 'b', log('b'));
    await new Promise((r) => setTimeout(r, 1600));
    expect(owners).toEqual(['a']);
    expect([leaseA.held, leaseB.held]).toEqual([true, false]);

    // The owner is cut off without releasing (its NATS connection is gone): it must notice and
    // stop before the standby, which takes over once the entry expires.
    await rawClose(a);
    const takeover = await until(() => leaseB.held, 'the standby to take over', 5000);
    expect(takeover).toBeLessThan(5000);
    expect(owners).toEqual(['a', 'a lost', 'b']);
    await leaseA.release();
    await leaseB.release();
    expect(owners).toEqual(['a', 'a lost', 'b', 'b lost']);
    await b.close();
  });

  it('hands over at once when the owner releases (graceful shutdown)', async () => {
    const bucket = uniqueName('leases');
    const [a, b] = [await connect(bucket), await connect(bucket)];
    const leaseA = await (await a.leases()).campaign('pbx2', 'a', { onAcquired: () => undefined, onLost: () => undefined });
    const leaseB = await (await b.leases()).campaign('pbx2', 'b', { onAcquired: () => undefined, onLost: () => undefined });
    expect(leaseA.held).toBe(true);
    await leaseA.release();
    const takeover = await until(() => leaseB.held, 'the standby to take over', 3000);
    expect(takeover).toBeLessThan(1500);
    await leaseB.release();
    await a.close();
    await b.close();
  });
});
