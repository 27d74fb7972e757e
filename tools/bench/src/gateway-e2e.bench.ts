import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { connect } from 'nats';
import { AmiReplayServer, loadCapture, type ReplayFrame } from '@switchboard/ami-replay';
import { PBX_EVENTS_STREAM } from '@switchboard/contracts';
import { freePort, startNatsServer } from '@switchboard/testing';

export interface GatewayE2eResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly peakRssMb: number;
}

const root = path.resolve(__dirname, '../../..');
const captures = process.env['AMI_CAPTURES_DIR'] ?? path.resolve(root, '../shared/ami-captures');

/** Every event of every capture, repeated until at least `count` events. */
function workload(count: number): ReplayFrame[] {
  const all = fs
    .readdirSync(captures)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => loadCapture(path.join(captures, f)));
  const frames: ReplayFrame[] = [];
  while (frames.length < count) frames.push(...all);
  return frames.slice(0, count);
}

function peakRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

/**
 * The gateway end to end, as deployed: a separate gateway process reads a replayed capture as
 * fast as the socket goes and publishes every event to JetStream (a real nats-server), each
 * acked. Measured from the first event to the last one stored; peak RSS read from /proc.
 */
export async function runGatewayE2eBench(count = 200_000, nodeOptions = ''): Promise<GatewayE2eResult> {
  const nats = await startNatsServer();
  const frames = workload(count);
  const replay = new AmiReplayServer({ frames, speed: 'max' });
  const { port } = await replay.start();
  const httpPort = await freePort();
  // The compiled gateway, as an image runs it: ts-node alone would add ~170 MB of compiler to RSS.
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root });
  const child = spawn(process.execPath, ['-r', path.join(root, 'tools/scripts/dist-resolve.js'), path.join(root, 'dist/js/apps/ami-gateway/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NATS_URL: nats.url,
      AMI_URL: `ami://bench:bench@127.0.0.1:${port}`,
      PORT: String(httpPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: nodeOptions,
    },
    stdio: 'ignore',
  });
  const nc = await connect({ servers: nats.url });
  try {
    const jsm = await nc.jetstreamManager();
    let started = 0;
    let stored = 0;
    let maxRss = 0;
    const deadline = Date.now() + 180_000;
    // +1 for AmiConnected; the QueueStatus snapshot may add one more.
    while (stored < frames.length + 1 && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the gateway exited with code ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 50));
      stored = await jsm.streams
        .info(PBX_EVENTS_STREAM)
        .then((i) => i.state.messages)
        .catch(() => 0);
      if (stored > 1 && started === 0) started = Date.now();
      if (child.pid) maxRss = Math.max(maxRss, peakRssMb(child.pid));
    }
    const seconds = (Date.now() - started) / 1000;
    return { events: stored, seconds, eventsPerSecond: Math.round(stored / seconds), peakRssMb: maxRss };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await nc.close();
    await replay.stop();
    await nats.stop();
  }
}
