import { sql, type Transaction } from 'kysely';
import { engineOf, type ReportDb } from './open-report-db';
import type { ReportDatabase } from './schema';

/**
 * Locks that make a rebuild safe when several replicas share one PostgreSQL database:
 * - REBUILD: one rebuild at a time across every replica and every `reporting:rebuild` run
 *   (each would drop the other's fresh tables);
 * - SWAP: every live projection batch holds it shared for its transaction; the rebuild holds it
 *   exclusively while it catches up and swaps, so no replica commits into the old tables after
 *   the rebuild's last look at them (that row would vanish with the old table).
 * PostgreSQL advisory locks in the two-key space (namespace, lock), which never meets the
 * one-key locks the projection takes per call. SQLite serves one process: the rebuilder's own
 * guard and the projection's in-process lock are enough there.
 */
const NAMESPACE = sql`hashtext('switchboard.reporting')`;
const REBUILD = 1;
const SWAP = 2;

/** The rebuild lock, held on one connection of its own until released. */
export interface HeldRebuildLock {
  /** Runs `work` while no live projection batch of any replica is in flight, and holds new ones off. */
  withProjectionsHeld<T>(work: () => Promise<T>): Promise<T>;
  release(): Promise<void>;
}

const NOTHING_TO_HOLD: HeldRebuildLock = {
  withProjectionsHeld: (work) => work(),
  release: async () => undefined,
};

/**
 * Takes the rebuild lock without waiting: undefined when another rebuild (another replica, or
 * another run of the command) holds it. Advisory locks belong to a session, so the lock keeps a
 * connection of the pool reserved until released; should that connection die, the server drops
 * the lock with it and nothing stays locked behind a crashed rebuild.
 */
export async function tryRebuildLock(db: ReportDb): Promise<HeldRebuildLock | undefined> {
  if (engineOf(db) !== 'postgres') return NOTHING_TO_HOLD;
  return new Promise<HeldRebuildLock | undefined>((resolve, reject) => {
    let settled = false;
    const session = db.connection().execute(async (conn) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${NAMESPACE}, ${REBUILD}) as locked`.execute(conn);
      if (!rows[0]?.locked) {
        settled = true;
        return resolve(undefined);
      }
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      settled = true;
      resolve({
        async withProjectionsHeld<T>(work: () => Promise<T>): Promise<T> {
          await sql`select pg_advisory_lock(${NAMESPACE}, ${SWAP})`.execute(conn);
          try {
            return await work();
          } finally {
            await sql`select pg_advisory_unlock(${NAMESPACE}, ${SWAP})`.execute(conn);
          }
        },
        release: async () => {
          release();
          await session;
        },
      });
      await released;
      await sql`select pg_advisory_unlock(${NAMESPACE}, ${REBUILD})`.execute(conn);
    });
    session.catch((error: unknown) => {
      if (!settled) reject(error);
    });
  });
}

/** A live projection batch: waits while a rebuild swaps (see SWAP), for its transaction only. */
export async function holdOffRebuildSwap(trx: Transaction<ReportDatabase>): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${NAMESPACE}, ${SWAP})`.execute(trx);
}
