import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort, startNatsServer } from '@switchboard/testing';

export interface MemoryResult {
  readonly agents: number;
  readonly loggedIn: number;
  readonly listed: number;
  readonly rssAfterStartMb: number;
  readonly peakRssMb: number;
}

const root = path.resolve(__dirname, '../../..');

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024);
}

/** The demo directory's queues and users, with `count` agents on lines SIP/100000… */
function bigDirectory(count: number): string {
  const demo = parse(fs.readFileSync(path.join(root, 'apps/agent-session/config/directory.yaml'), 'utf8')) as Record<string, unknown>;
  const agents = Array.from({ length: count }, (_, i) => {
    const id = String(100_000 + i);
    return { id, name: `Agent ${id}`, line: `SIP/${id}`, queues: ['helpdesk', 'sales'] };
  });
  return stringify({ pbxId: 'pbx1', queues: demo['queues'], users: demo['users'], agents });
}

/**
 * agent-session as deployed (compiled, its own process) with a directory of `count` agents: every
 * agent logs in through the HTTP API, then the supervisor lists them all. No gateway is running, so
 * each QueueAdd fails fast (no responders) and is reported; the decisions are recorded all the same. Peak RSS is
 * the kernel's high-water mark of the process (VmHWM).
 */
export async function runSessionMemoryBench(count = 10_000, concurrency = 16): Promise<MemoryResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-mem-bench-'));
  const directoryFile = path.join(dir, 'directory.yaml');
  fs.writeFileSync(directoryFile, bigDirectory(count));
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root });
  // agent-session runs on its own only with NATS; no gateway answers, so PBX actions fail fast.
  const nats = await startNatsServer();
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', path.join(root, 'tools/scripts/dist-resolve.js'), path.join(root, 'dist/js/apps/agent-session/src/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, DIRECTORY_FILE: directoryFile, LOG_LEVEL: 'warn', NATS_URL: nats.url },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      const live = await fetch(`${base}/health/live`).then((r) => r.ok).catch(() => false);
      if (live) break;
      if (child.exitCode !== null || i > 600) throw new Error('agent-session did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const pid = child.pid as number;
    const rssAfterStartMb = rssMb(pid, 'VmRSS');
    const signIn = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'supervisor', password: 'supervisor' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let next = 0;
    let loggedIn = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const res = await fetch(`${base}/api/agents/${100_000 + i}/login`, { method: 'POST', headers, body: '{}' });
        if (res.ok) loggedIn++;
        else throw new Error(`login of agent ${100_000 + i}: HTTP ${res.status} ${await res.text()}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const list = (await (await fetch(`${base}/api/agents`, { headers })).json()) as unknown[];
    return { agents: count, loggedIn, listed: list.length, rssAfterStartMb, peakRssMb: rssMb(pid, 'VmHWM') };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await nats.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
