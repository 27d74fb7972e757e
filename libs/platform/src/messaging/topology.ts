import type { StreamSpec } from '@switchboard/bus';
import { PBX_EVENT_SCHEMA_VERSION, PBX_EVENTS_STREAM, subjects } from '@switchboard/contracts';

/**
 * The JetStream streams, declared in one place and created (or updated) idempotently at start-up
 * by every service that connects; infra/nats holds the same definitions as files. `replicas` is
 * NATS_REPLICAS (AppConfig): the durable consumers follow their stream's count.
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
      // A PBX event of a newer version is handed back for a newer replica, never terminated.
      schemaVersion: PBX_EVENT_SCHEMA_VERSION,
    },
  ];
}

/**
 * The topology on a single server (one replica), as infra/nats's files hold it: for tests and tools
 * that connect to their own nats-server. The services declare jetStreamTopologyFor(NATS_REPLICAS);
 * connecting to a cluster with this one would reduce its streams to one copy.
 */
export const jetStreamTopology: readonly StreamSpec[] = jetStreamTopologyFor(1);
