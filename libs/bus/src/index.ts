export * from './bus.port';
export * from './in-process-bus';
export * from './nats-bus';
export * from './jetstream-async-publisher';
export * from './subject-match';
export * from './lease.port';
export * from './nats-kv-leases';
export type { NewerSchemaMessage } from './newer-schema';
