import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayModule } from '@switchboard/gateway-service';
import { PlatformModule, createHttpApp, loadConfig, type AppConfig } from '@switchboard/platform';
import { ReportingModule } from '@switchboard/reporting-service';
import { SessionModule } from '@switchboard/session-service';

const root = path.resolve(__dirname, '../../..');

/** The single-process composition of apps/switchboard (apps cannot be imported; this mirrors it). */
@Module({})
class BenchStackModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: BenchStackModule,
      imports: [PlatformModule.forRoot(config, { serviceName: 'bench', eventStore: true }), GatewayModule, SessionModule, ReportingModule],
    };
  }
}

export interface StackOptions {
  readonly amiPort: number;
  /** Unset: the in-process bus; set: every service's messages cross this nats-server. */
  readonly natsUrl?: string;
  readonly directoryFile?: string;
}

/** All three services in this process on fresh embedded stores, connected to the given AMI port. */
export async function startStack(options: StackOptions): Promise<{ app: NestFastifyApplication; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
  const config = loadConfig(
    { LOG_LEVEL: 'warn', ...(options.natsUrl ? { NATS_URL: options.natsUrl } : {}) },
    {
      dataDir,
      directoryFile: options.directoryFile ?? path.join(root, 'apps/agent-session/config/directory.yaml'),
      amiEndpoints: [{ pbxId: 'pbx1', host: '127.0.0.1', port: options.amiPort, username: 'gateway', secret: 'gateway-secret' }],
    },
  );
  const app = await createHttpApp(BenchStackModule.forRoot(config));
  return { app, dataDir };
}
