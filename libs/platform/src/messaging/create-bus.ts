import { InProcessBus, NatsBus, type Bus } from '@switchboard/bus';
import type { AppConfig } from '../config/app-config';
import { jetStreamTopology } from './topology';

/** NATS when NATS_URL is set (distributed), otherwise the in-process bus (single process). */
export async function createBus(config: AppConfig, serviceName: string): Promise<Bus> {
  if (!config.natsUrl) return new InProcessBus();
  return NatsBus.connect({
    servers: config.natsUrl.split(',').map((s) => s.trim()),
    name: serviceName,
    streams: jetStreamTopology,
    user: config.natsUser,
    pass: config.natsPass,
  });
}
