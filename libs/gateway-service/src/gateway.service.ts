import os from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Bus, LeaseHandle } from '@switchboard/bus';
import { APP_CONFIG, BUS, HealthRegistry, METRICS, describeEndpoint, type AppConfig } from '@switchboard/platform';
import type { Registry } from 'prom-client';
import { registerGatewayMetrics } from './gateway.metrics';
import { PbxGateway } from './pbx-gateway';

/**
 * Runs one PbxGateway per configured PBX, each behind a lease: of all gateway replicas, exactly
 * one connects to a given PBX; the others stand by and take over when the owner's lease expires.
 */
@Injectable()
export class GatewayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GatewayService.name);
  private readonly leases: LeaseHandle[] = [];
  /** This replica, as named in the lease entries. */
  readonly instanceId = `${os.hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  readonly gateways: PbxGateway[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(BUS) private readonly bus: Bus,
    health: HealthRegistry,
    @Inject(METRICS) metrics: Registry,
  ) {
    this.gateways = config.amiEndpoints.map(
      (endpoint) =>
        new PbxGateway(endpoint, bus, {
          actionTimeoutMs: config.actionTimeoutMs,
          eventFilter: config.amiEventFilter,
        }),
    );
    registerGatewayMetrics(metrics, this.gateways, (g) => this.leases[this.gateways.indexOf(g)]?.held ?? false);
    // Ready as owner with its AMI session up, or as a standby (which has nothing to connect).
    health.register('ami', () => {
      const down = this.gateways.filter((g, i) => this.leases[i]?.held && !g.connected).map((g) => g.endpoint.pbxId);
      const owned = this.gateways.filter((_, i) => this.leases[i]?.held).map((g) => g.endpoint.pbxId);
      return down.length === 0
        ? { ok: true, detail: owned.length ? `owner of ${owned.join(', ')}` : 'standby' }
        : { ok: false, detail: `not connected: ${down.join(', ')}` };
    });
  }

  /** PBX ids this replica currently owns. */
  get owned(): string[] {
    return this.gateways.filter((_, i) => this.leases[i]?.held).map((g) => g.endpoint.pbxId);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.gateways.length === 0) this.logger.warn('No PBX configured (AMI_URL is empty)');
    const leases = await this.bus.leases();
    for (const gateway of this.gateways) {
      const pbx = describeEndpoint(gateway.endpoint);
      this.leases.push(
        await leases.campaign(`pbx-${gateway.endpoint.pbxId}`, this.instanceId, {
          onAcquired: async () => {
            this.logger.log(`Owner of ${pbx}: connecting`);
            await gateway.start();
          },
          onLost: async () => {
            this.logger.warn(`No longer the owner of ${pbx}: disconnecting`);
            await gateway.stop();
          },
        }),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Releasing stops each owned gateway and lets a standby take over at once.
    await Promise.all(this.leases.map((l) => l.release()));
  }
}
