import type { Bus, NewerSchemaMessage } from '@switchboard/bus';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * `switchboard_consumer_lag_messages{consumer, stream}`: every durable consumer this process runs,
 * with the lag its readiness check last read (over NATS the server's pending + ack pending, for all
 * replicas of the durable, refreshed every few seconds), read at scrape time: a scrape never asks
 * the server.
 */
export function registerConsumerLagGauge(registry: Registry, bus: Bus): void {
  new Gauge({
    name: 'switchboard_consumer_lag_messages',
    help: 'Messages of a durable JetStream consumer not processed yet (pending + unacknowledged, all replicas)',
    labelNames: ['consumer', 'stream'],
    registers: [registry],
    collect(this: Gauge<'consumer' | 'stream'>) {
      // Consumers stopped since the last scrape disappear; unknown lags give no sample, not a false 0.
      this.reset();
      for (const { durable, stream, lag } of bus.consumerLags()) this.set({ consumer: durable, stream }, lag);
    },
  });
}

/**
 * `switchboard_messages_unknown_schema_total{consumer, stream, type, schema_version}`: deliveries
 * handed back because the message is of a newer schema version than this release reads (a newer
 * replica of the durable takes them; docs/operations.md, "Upgrade").
 */
export function unknownSchemaCounter(registry: Registry): (message: NewerSchemaMessage) => void {
  const counter = new Counter({
    name: 'switchboard_messages_unknown_schema_total',
    help: 'Messages handed back (nak with delay) for a newer replica: their schema version is newer than this release reads',
    labelNames: ['consumer', 'stream', 'type', 'schema_version'],
    registers: [registry],
  });
  return (m) => counter.inc({ consumer: m.durable, stream: m.stream, type: m.type, schema_version: String(m.schemaVersion) });
}

/**
 * `switchboard_bus_publish_seconds`: durable publishes from the call to JetStream's acknowledgement
 * (stored, on every replica the stream asks for). Failed publishes are not in it: the gateway
 * counts those (switchboard_ami_publish_failures_total).
 */
export function publishLatencyHistogram(registry: Registry): (seconds: number) => void {
  const histogram = new Histogram({
    name: 'switchboard_bus_publish_seconds',
    help: 'Durable publishes from the call to the JetStream acknowledgement',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return (seconds) => histogram.observe(seconds);
}
