import { Counter, Gauge, type Registry } from 'prom-client';
import type { PbxGateway } from './pbx-gateway';

/**
 * Gateway metrics, read from the gateways' own counters at scrape time (nothing on the hot path).
 */
export function registerGatewayMetrics(registry: Registry, gateways: readonly PbxGateway[], owns: (g: PbxGateway) => boolean): void {
  const perPbx = (read: (g: PbxGateway) => number) =>
    function (this: Counter | Gauge) {
      // Counters mirror totals kept by the gateway: reset, then add the current total.
      if (this instanceof Counter) this.reset();
      for (const g of gateways) {
        if (this instanceof Counter) this.inc({ pbx: g.endpoint.pbxId }, read(g));
        else this.set({ pbx: g.endpoint.pbxId }, read(g));
      }
    };
  const labelNames = ['pbx'];
  const registers = [registry];
  new Counter({ name: 'switchboard_ami_events_received_total', help: 'AMI events read from the PBX', labelNames, registers, collect: perPbx((g) => g.eventsIn) });
  new Counter({ name: 'switchboard_ami_events_filtered_total', help: 'AMI events not published (AMI_EVENT_FILTER)', labelNames, registers, collect: perPbx((g) => g.filtered) });
  new Counter({ name: 'switchboard_ami_bad_frames_total', help: 'AMI frames that could not be read', labelNames, registers, collect: perPbx((g) => g.badFrames) });
  new Counter({ name: 'switchboard_ami_events_published_total', help: 'PBX events stored on the bus', labelNames, registers, collect: perPbx((g) => g.published) });
  new Counter({ name: 'switchboard_ami_publish_failures_total', help: 'Failed publish attempts (retried in order)', labelNames, registers, collect: perPbx((g) => g.publishFailures) });
  new Gauge({ name: 'switchboard_ami_publish_backlog', help: 'PBX events waiting to be stored on the bus', labelNames, registers, collect: perPbx((g) => g.backlog) });
  new Gauge({ name: 'switchboard_ami_connected', help: '1 while this replica holds a logged-in AMI session', labelNames, registers, collect: perPbx((g) => (g.connected ? 1 : 0)) });
  new Gauge({ name: 'switchboard_ami_lease_owner', help: '1 while this replica owns the PBX (lease held)', labelNames, registers, collect: perPbx((g) => (owns(g) ? 1 : 0)) });
}
