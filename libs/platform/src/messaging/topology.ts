import { PBX_EVENTS_STREAM, subjects } from '@switchboard/contracts';

/**
 * The JetStream streams, declared in one place and created idempotently at start-up by every
 * service that connects (infra/nats documents the same definitions).
 */
export const jetStreamTopology = [
  {
    name: PBX_EVENTS_STREAM,
    subjects: [subjects.allPbxEvents],
    // Redeliveries and retried publishes with the same message id inside this window are dropped.
    duplicateWindowMs: 2 * 60_000,
    maxAgeMs: 7 * 24 * 3600_000,
  },
];
