export * from './bus.port';
export * from './in-process-bus';
export * from './nats-bus';
export * from './subject-match';
export * from './lease.port';
export * from './nats-kv-leases';
