import type { KV, NatsConnection } from 'nats';
import type { LeaseCallbacks, LeaseHandle, Leases } from './lease.port';

export interface NatsKvLeasesOptions {
  readonly bucket?: string;
  /** An entry not renewed for this long expires (the bucket's max age). */
  readonly ttlMs?: number;
  /** How often the holder renews, and a standby tries to take over. */
  readonly renewMs?: number;
  /** Copies the NATS cluster keeps of the bucket (NATS_REPLICAS, as the streams); 1 when not given. */
  readonly replicas?: number;
}

/**
 * Leases in a NATS KV bucket whose entries expire after `ttlMs`. Acquire = `create` (only when
 * the key is absent); renew = `update` with the revision we wrote last (fails if anyone else wrote
 * since). A holder that cannot renew gives the lease up at once, so two owners never overlap
 * while NATS is reachable; a dead holder's key expires and a standby creates it.
 */
export class NatsKvLeases implements Leases {
  private readonly handles = new Set<LeaseHandle>();

  private constructor(
    private readonly kv: KV,
    private readonly renewMs: number,
  ) {}

  static async open(nc: NatsConnection, options: NatsKvLeasesOptions = {}): Promise<NatsKvLeases> {
    const ttlMs = options.ttlMs ?? 3000;
    const renewMs = options.renewMs ?? 1000;
    if (renewMs * 2 > ttlMs) throw new Error('lease renewal must be at most half the time to live');
    const bucket = options.bucket ?? 'switchboard-leases';
    const replicas = options.replicas ?? 1;
    const kv = await nc.jetstream().views.kv(bucket, { ttl: ttlMs, history: 1, replicas });
    await keepReplicas(nc, kv, replicas);
    return new NatsKvLeases(kv, renewMs);
  }

  async campaign(key: string, owner: string, callbacks: LeaseCallbacks): Promise<LeaseHandle> {
    let revision: number | null = null;
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let busy: Promise<void> = Promise.resolve();

    const tick = async (): Promise<void> => {
      if (stopped) return;
      if (revision === null) {
        try {
          revision = await this.kv.create(key, new TextEncoder().encode(owner));
        } catch {
          return; // held by another replica (or NATS unreachable): stay standby
        }
        try {
          await callbacks.onAcquired();
        } catch {
          // Could not start the work: give the lease back so a healthier replica can take it.
          await this.kv.delete(key, { previousSeq: revision }).catch(() => undefined);
          revision = null;
        }
        return;
      }
      try {
        revision = await this.kv.update(key, new TextEncoder().encode(owner), revision);
      } catch {
        revision = null;
        await callbacks.onLost();
      }
    };

    const schedule = () => {
      timer = setTimeout(() => {
        busy = tick().finally(() => {
          if (!stopped) schedule();
        });
      }, this.renewMs);
    };
    busy = tick().finally(() => {
      if (!stopped) schedule();
    });
    await busy;

    const handles = this.handles;
    const handle: LeaseHandle = {
      get held() {
        return revision !== null;
      },
      release: async () => {
        handles.delete(handle);
        stopped = true;
        if (timer) clearTimeout(timer);
        await busy;
        if (revision !== null) {
          const held = revision;
          revision = null;
          await callbacks.onLost();
          await this.kv.delete(key, { previousSeq: held }).catch(() => undefined);
        }
      },
    };
    handles.add(handle);
    return handle;
  }

  /** Releases every lease campaigned through this instance (before the connection closes). */
  async releaseAll(): Promise<void> {
    for (const handle of [...this.handles]) await handle.release();
  }
}

/**
 * nats.js creates a missing bucket with the replicas asked for, but binds to an existing one as it
 * is: bring its stream to the count, as the services do with their streams, so raising
 * NATS_REPLICAS on a running cluster takes the lease bucket along (JetStream copies it to the new
 * peers). Every gateway replica does it at open; the second finds nothing to change.
 */
async function keepReplicas(nc: NatsConnection, kv: KV, replicas: number): Promise<void> {
  const status = await kv.status();
  if (status.replicas === replicas) return;
  const { config } = status.streamInfo;
  const jsm = await nc.jetstreamManager();
  await jsm.streams.update(config.name, { ...config, num_replicas: replicas });
}
