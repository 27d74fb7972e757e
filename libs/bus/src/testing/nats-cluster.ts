import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@switchboard/testing';
import { connect } from 'nats';
import { waitFor } from './wait-for';

export interface TestNatsCluster {
  /** The client URLs of every node, for NatsBus's `servers`. */
  readonly urls: string[];
  stop(): Promise<void>;
}

/**
 * A real 3-node nats-server cluster with JetStream on this host, for what one server cannot show:
 * streams and KV buckets with several replicas. Resolves once JetStream answers (meta leader elected).
 */
export async function startNatsCluster(nodes = 3): Promise<TestNatsCluster> {
  const clientPorts = await Promise.all(Array.from({ length: nodes }, () => freePort()));
  const routePorts = await Promise.all(Array.from({ length: nodes }, () => freePort()));
  const routes = routePorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
  const dirs: string[] = [];
  const children: ChildProcess[] = clientPorts.map((port, i) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `nats-cluster-${i}-`));
    dirs.push(dir);
    return spawn(
      'nats-server',
      ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir, '--server_name', `n${i}`, '--cluster_name', 'test',
        '--cluster', `nats://127.0.0.1:${routePorts[i]}`, '--routes', routes],
      { stdio: 'ignore' },
    );
  });
  const urls = clientPorts.map((p) => `nats://127.0.0.1:${p}`);
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => (c.once('exit', r), c.kill('SIGTERM')))),
    );
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      const nc = await connect({ servers: urls }).catch(() => null);
      if (!nc) return false;
      try {
        // Account info answers before the cluster can place a replicated stream: place one.
        const jsm = await nc.jetstreamManager();
        await jsm.streams.add({ name: 'CLUSTER_PROBE', subjects: ['cluster-probe'], num_replicas: nodes });
        await jsm.streams.delete('CLUSTER_PROBE');
        return true;
      } catch {
        return false;
      } finally {
        await nc.close();
      }
    }, 'the JetStream cluster', 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}
