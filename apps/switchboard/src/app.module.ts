import { Module, type DynamicModule } from '@nestjs/common';
import type { Bus } from '@switchboard/bus';
import type { EventStore } from '@switchboard/event-store';
import { GatewayModule } from '@switchboard/gateway-service';
import { PlatformModule, type AppConfig } from '@switchboard/platform';
import { ReportingModule } from '@switchboard/reporting-service';
import { SessionModule } from '@switchboard/session-service';

/** All three services in one process, sharing one bus and one event store. */
@Module({})
export class SwitchboardModule {
  static forRoot(config: AppConfig, adapters: { bus?: Bus; store?: EventStore } = {}): DynamicModule {
    return {
      module: SwitchboardModule,
      imports: [
        PlatformModule.forRoot(config, { serviceName: 'switchboard', eventStore: true, ...adapters }),
        GatewayModule,
        SessionModule,
        ReportingModule,
      ],
    };
  }
}
