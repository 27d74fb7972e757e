import type { StreamSpec } from '@switchboard/bus';
import { PBX_EVENTS_STREAM, subjects } from '@switchboard/contracts';

/**
 * How many copies of each stream a NATS cluster keeps (NATS_STREAM_REPLICAS): 1 on a single
 * server (dev, tests), 3 in production so a NATS node can fail or be upgraded without losing a
 * message or stopping publishes. JetStream allows 1 to 5; the durable consumers follow their
 * stream's count.
 */
export function streamReplicas(env: NodeJS.ProcessEnv = process.env): number {
  const value = env['NATS_STREAM_REPLICAS'];
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new Error('NATS_STREAM_REPLICAS must be an integer from 1 to 5');
  return n;
}

/**
 * The JetStream streams, declared in one place and created (or updated) idempotently at start-up
 * by every service that connects; infra/nats holds the same definitions as files.
 */
export function jetStreamTopologyFor(replicas: number): StreamSpec[] {
  return [
    {
      name: PBX_EVENTS_STREAM,
      subjects: [subjects.allPbxEvents],
      // Redeliveries and retried publishes with the same message id inside this window are dropped.
      duplicateWindowMs: 2 * 60_000,
      maxAgeMs: 7 * 24 * 3600_000,
      replicas,
    },
  ];
}

/** The topology for this process's environment. */
export const jetStreamTopology: readonly StreamSpec[] = jetStreamTopologyFor(streamReplicas());
