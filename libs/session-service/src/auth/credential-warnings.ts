import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import { APP_CONFIG, type AppConfig } from '@switchboard/platform';
import { DIRECTORY } from '../tokens';

/** Says at start-up what an operator must not miss about credentials. */
@Injectable()
export class CredentialWarnings implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.directory.demoCredentials)
      this.logger.warn(
        'DEMO CREDENTIALS: this directory uses the published demo PINs and passwords (agents 1001-1003 PIN 1234, supervisor/supervisor, admin/admin). Replace them before real use.',
      );
    if (!this.config.auth.secretConfigured && this.config.natsUrl)
      this.logger.warn('AUTH_SECRET is not set: tokens signed here are refused by the other services; set the same AUTH_SECRET on every service.');
  }
}
