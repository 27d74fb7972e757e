import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Bus } from '@switchboard/bus';
import { APP_CONFIG, BUS, HealthRegistry, describeEndpoint, type AppConfig } from '@switchboard/platform';
import { PbxGateway } from './pbx-gateway';

/** Starts one PbxGateway per configured PBX and stops them on shutdown. */
@Injectable()
export class GatewayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GatewayService.name);
  readonly gateways: PbxGateway[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(BUS) bus: Bus,
    health: HealthRegistry,
  ) {
    this.gateways = config.amiEndpoints.map(
      (endpoint) => new PbxGateway(endpoint, bus, {
          actionTimeoutMs: config.actionTimeoutMs,
          eventFilter: config.amiEventFilter,
        }),
    );
    health.register('ami', () => {
      const down = this.gateways.filter((g) => !g.connected).map((g) => g.endpoint.pbxId);
      return down.length === 0 ? { ok: true } : { ok: false, detail: `not connected: ${down.join(', ')}` };
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.gateways.length === 0) this.logger.warn('No PBX configured (AMI_URL is empty)');
    for (const gateway of this.gateways) {
      this.logger.log(`Connecting to ${describeEndpoint(gateway.endpoint)}`);
      await gateway.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.gateways.map((g) => g.stop()));
  }
}
