import { Module, type DynamicModule } from '@nestjs/common';
import { GatewayModule } from '@switchboard/gateway-service';
import { PlatformModule, type AppConfig } from '@switchboard/platform';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config, { serviceName: 'ami-gateway', eventStore: false }), GatewayModule],
    };
  }
}
