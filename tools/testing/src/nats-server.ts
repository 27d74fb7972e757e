import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export interface TestNatsServer {
  readonly url: string;
  stop(): Promise<void>;
  /**
   * Stops the server and starts it again on the same port and store directory (JetStream state
   * survives, clients reconnect), as a NATS restart or upgrade in production would. Only a
   * private server can be restarted: see startNatsServer's `private` option. `whileDown` runs
   * while the server is stopped.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

export interface StartNatsServerOptions {
  /** Always start a private server, even when NATS_URL names a shared one (tests that restart it). */
  readonly private?: boolean;
}

function findBinary(): string {
  const candidates = [
    ...(process.env['PATH'] ?? '').split(path.delimiter).map((dir) => path.join(dir, 'nats-server')),
    '/usr/sbin/nats-server',
    '/usr/bin/nats-server',
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new Error('nats-server not found: install it (apt-get install nats-server) or set NATS_URL');
  }
  return found;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A real nats-server with JetStream for a test: NATS_URL when set (a shared server) unless
 * `private` is asked for, otherwise a private one on a free port with its own store directory,
 * removed on stop.
 */
export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<TestNatsServer> {
  const shared = process.env['NATS_URL'];
  if (shared && !options.private) {
    return {
      url: shared,
      stop: async () => undefined,
      restart: async () => {
        throw new Error('a shared nats-server (NATS_URL) cannot be restarted: start a private one');
      },
    };
  }
  const port = await freePort();
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-test-'));
  let child: ChildProcess;
  try {
    child = await spawnServer(port, storeDir);
  } catch (error) {
    fs.rmSync(storeDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      await terminate(child);
      fs.rmSync(storeDir, { recursive: true, force: true });
    },
    restart: async (whileDown) => {
      await terminate(child);
      try {
        await whileDown?.();
      } finally {
        child = await spawnServer(port, storeDir);
      }
    },
  };
}

async function spawnServer(port: number, storeDir: string): Promise<ChildProcess> {
  const child = spawn(findBinary(), ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], {
    stdio: 'ignore',
  });
  try {
    await waitForPort(port, child, 10_000);
    return child;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
