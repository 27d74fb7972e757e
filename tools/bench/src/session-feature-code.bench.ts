import { performance } from 'node:perf_hooks';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { startNatsServer } from '@switchboard/testing';
import { startStack } from './session-stack';

export interface RoundTripResult {
  readonly mode: 'single process' | 'over NATS';
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Feature code round trip as the PBX sees it: from the UserEvent written on the AMI socket to the
 * Redirect that sends the caller to the announcement, read on the same socket by the simulator.
 * Agent 1001 alternates direct login (8111) and direct logout (8110), so every dial changes state
 * and includes the QueueAdd/QueueRemove the session asks for before it redirects.
 */
export async function runFeatureCodeBench(mode: RoundTripResult['mode'], samples = 400): Promise<RoundTripResult> {
  const nats = mode === 'over NATS' ? await startNatsServer() : undefined;
  const sim = new PbxSimulator({ seed: 7 });
  const { port } = await sim.start();
  const { app } = await startStack({ amiPort: port, natsUrl: nats?.url });
  try {
    await waitFor(() => sim.stats().clients > 0, 'the gateway to connect');
    const fastify = app.getHttpAdapter().getInstance();
    for (let i = 0; (await fastify.inject({ method: 'GET', url: '/health/ready' })).statusCode !== 200; i++) {
      if (i > 250) throw new Error('the stack never became ready');
      await new Promise((r) => setTimeout(r, 20));
    }
    const durations: number[] = [];
    const warmup = 20;
    for (let i = 0; i < samples + warmup; i++) {
      const code = i % 2 === 0 ? '8111' : '8110';
      const started = performance.now();
      const redirected = new Promise<number>((resolve) => {
        const onRedirect = (record: { channel: string }) => {
          if (!record.channel.startsWith('SIP/1001-')) return;
          sim.off('redirect', onRedirect);
          resolve(performance.now());
        };
        sim.on('redirect', onRedirect);
      });
      await sim.dialFeatureCode('1001', code);
      const ended = await withTimeout(redirected, 5_000, `the redirect of dial ${i}`);
      if (i >= warmup) durations.push(ended - started);
    }
    durations.sort((a, b) => a - b);
    const at = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
    return { mode, samples, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(durations[durations.length - 1]) };
  } finally {
    await app.close();
    await sim.stop();
    await nats?.stop();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
