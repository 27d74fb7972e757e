import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per application (not prom-client's global one), so several apps can live in one
 *  test process; process metrics (CPU, RSS, event-loop lag) included. */
export function createMetricsRegistry(serviceName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics({ register: registry });
  return registry;
}
