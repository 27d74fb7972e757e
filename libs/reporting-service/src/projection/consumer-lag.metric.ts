import { Gauge, type Registry } from 'prom-client';

/** Per registry, the consumers whose lag the one gauge reports (a process may run several). */
const sources = new WeakMap<Registry, Map<string, () => number | undefined>>();

/**
 * `switchboard_consumer_lag_messages{consumer}`: the durable's messages not processed yet, as its
 * health reads them (over NATS the server's pending + ack pending, refreshed every few seconds),
 * read at scrape time. One gauge per registry, whatever the number of consumers that register.
 */
export function registerConsumerLag(registry: Registry, consumer: string, read: () => number | undefined): void {
  let reads = sources.get(registry);
  if (!reads) {
    const registered = new Map<string, () => number | undefined>();
    reads = registered;
    sources.set(registry, registered);
    new Gauge({
      name: 'switchboard_consumer_lag_messages',
      help: 'Messages of a durable JetStream consumer not processed yet (pending + unacknowledged, all replicas)',
      labelNames: ['consumer'],
      registers: [registry],
      collect(this: Gauge<'consumer'>) {
        this.reset();
        for (const [name, lag] of registered) {
          const value = lag();
          // Unknown (not started, no reading yet): no sample rather than a false 0.
          if (value !== undefined) this.set({ consumer: name }, value);
        }
      },
    });
  }
  reads.set(consumer, read);
}
