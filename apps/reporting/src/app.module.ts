import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type AppConfig } from '@switchboard/platform';
import { ReportingModule } from '@switchboard/reporting-service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config, { serviceName: 'reporting', eventStore: true }), ReportingModule],
    };
  }
}
