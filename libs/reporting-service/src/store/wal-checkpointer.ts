import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies what the WAL gained back into the database file. */
const INTERVAL_MS = 500;

/** The longest stop() blocks for the worker to close its connection (one checkpoint at most). */
const STOP_TIMEOUT_MS = 5000;

/**
 * The worker: its own connection to the file, a PASSIVE checkpoint on every tick (it never waits
 * for or blocks the writer; with nothing new in the WAL it does nothing). Plain JavaScript, as a
 * worker runs it without the TypeScript loader.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
const checkpoint = () => {
  try {
    // Opened at the first tick, once the writer has made the file (not created here if gone).
    db = db ?? new Database(workerData.file, { fileMustExist: true });
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // Busy (another checkpoint running) or the file gone: the next tick tries again, and the
    // writer's own automatic checkpoint is still there behind this one.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try {
    db?.close();
  } finally {
    // The writer waits on this flag (stop()): its connection may close only after this one.
    Atomics.store(workerData.closed, 0, 1);
    Atomics.notify(workerData.closed, 0);
    parentPort.close();
  }
});
`;

export interface WalCheckpointer {
  /**
   * Stops the worker and returns once its connection is closed (blocking: the driver's close is
   * synchronous). SQLite checkpoints the WAL into the file and deletes it only when the last
   * connection closes; had the worker's connection outlived the writer's, the WAL stayed on disk
   * until the worker got round to closing, or for good if the process exited first.
   */
  stop(): void;
}

/**
 * Checkpoints an SQLite file's WAL from a worker thread, so the projection's transactions no
 * longer stop for it: run in the committing connection (SQLite's default), a checkpoint copied a
 * few thousand pages and synced the file twice inside a projection batch (about a sixth of its
 * time). The writing connection keeps an automatic checkpoint at a higher mark, reached only if
 * this one falls behind (the WAL starts over only after a checkpoint that left nothing behind,
 * which a writer that never pauses may not see from here).
 */
export function startWalCheckpointer(file: string): WalCheckpointer {
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver: require.resolve('better-sqlite3'), intervalMs: INTERVAL_MS, closed },
  });
  let exited = false;
  // Never what keeps the process alive; a worker that fails leaves the writer's own checkpoints.
  worker.unref();
  worker.on('error', (error) => console.warn(`report database: WAL checkpointer stopped: ${error.message}`));
  // A worker that is gone has no connection left to wait for.
  worker.on('exit', () => (exited = true));
  let stopped = false;
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
      // The worker runs its own event loop, so it handles the message (after the checkpoint it
      // may be in, or after starting up) while this thread waits.
      if (!exited && Atomics.wait(closed, 0, 0, STOP_TIMEOUT_MS) === 'timed-out') {
        console.warn('report database: WAL checkpointer did not close its connection in time; the WAL may stay on disk');
      }
    },
  };
}
