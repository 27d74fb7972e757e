import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@switchboard/testing';
import { eventually } from './eventually';

export interface CredentialedNatsServer {
  readonly url: string;
  readonly user: string;
  readonly pass: string;
  stop(): Promise<void>;
}

/**
 * A private nats-server with JetStream that only admits one user and password, as production
 * does: the log test checks the password never shows up in any service's output. (The shared
 * test helper starts servers without authentication.)
 */
export async function startNatsWithCredentials(user: string, pass: string): Promise<CredentialedNatsServer> {
  const binary = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((p) => fs.existsSync(p)) ?? 'nats-server';
  const port = await freePort();
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-auth-'));
  const child = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir, '--user', user, '--pass', pass], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(storeDir, { recursive: true, force: true });
  };
  try {
    await eventually(
      () =>
        new Promise<true | undefined>((resolve) => {
          if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.end();
            resolve(true);
          });
          socket.on('error', () => resolve(undefined));
        }),
      'nats-server to listen',
      10_000,
      50,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `nats://127.0.0.1:${port}`, user, pass, stop };
}
