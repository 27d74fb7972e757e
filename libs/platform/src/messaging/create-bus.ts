import { Logger } from '@nestjs/common';
import { InProcessBus, NatsBus, type Bus } from '@switchboard/bus';
import type { Registry } from 'prom-client';
import type { AppConfig } from '../config/app-config';
import { publishLatencyHistogram, unknownSchemaCounter } from '../metrics/bus-metrics';
import { jetStreamTopologyFor } from './topology';

/** NATS when NATS_URL is set (distributed), otherwise the in-process bus (single process). */
export async function createBus(config: AppConfig, serviceName: string, metrics: Registry): Promise<Bus> {
  if (!config.natsUrl) return new InProcessBus();
  return NatsBus.connect({
    servers: config.natsUrl.split(',').map((s) => s.trim()),
    name: serviceName,
    // Streams and the lease bucket with the same number of copies (NATS_REPLICAS).
    streams: jetStreamTopologyFor(config.natsReplicas),
    leases: { replicas: config.natsReplicas },
    user: config.natsUser,
    pass: config.natsPass,
    maxConsumerLag: config.readyMaxConsumerLag,
    onNewerSchema: unknownSchemaCounter(metrics),
    onPublished: publishLatencyHistogram(metrics),
    // Nest's logger: the bus's warnings become the service's JSON log lines.
    logger: new Logger('Bus'),
  });
}
