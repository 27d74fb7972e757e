import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually } from './eventually';

const root = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  readonly url: string;
  readonly output: () => string;
  /** Ends the process abruptly (SIGKILL: a crash, no shutdown hooks). */
  kill(): Promise<void>;
  /** SIGTERM, as Kubernetes stops a pod; SIGKILL after 10 s. Resolves with how it exited. */
  stop(): Promise<ProcessExit>;
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * Starts one of our entry points as a real Node process (TypeScript through ts-node, as
 * `npm start` does) and waits until GET /health/ready answers 200.
 */
/** One signing secret for every process of a run, as a deployment shares AUTH_SECRET. */
const E2E_AUTH_SECRET = 'e2e-only-secret-shared-by-all-services-0123456789';

export async function startService(entry: string, env: Record<string, string>, port: number): Promise<ServiceProcess> {
  // Node runs the entry itself (as tools/scripts/run-ts.mjs does, minus the wrapper process), so
  // a signal sent here reaches the service, SIGKILL included.
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, AUTH_SECRET: E2E_AUTH_SECRET, ...env, TS_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
        const res = await fetch(`${url}/health/ready`).catch(() => undefined);
        return res?.status === 200 ? true : undefined;
      },
      `${entry} to be ready`,
      60_000,
      200,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- output of ${entry} ---\n${output}`);
  }
  return {
    url,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
}
