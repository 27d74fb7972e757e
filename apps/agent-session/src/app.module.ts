import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type AppConfig } from '@switchboard/platform';
import { SessionModule } from '@switchboard/session-service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config, { serviceName: 'agent-session', eventStore: true }), SessionModule],
    };
  }
}
