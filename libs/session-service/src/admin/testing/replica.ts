import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InProcessBus } from '@switchboard/bus';
import { PlatformModule, createHttpApp, loadConfig, signAccessToken, type Role } from '@switchboard/platform';
import { SessionModule } from '../../session.module';

export const REPLICA_AUTH_SECRET = 'admin-replicas-secret-long-enough-for-hmac-0123';

export interface Replica {
  readonly app: NestFastifyApplication;
  readonly http: ReturnType<NestFastifyApplication['getHttpServer']>;
  close(): Promise<void>;
}

/**
 * One agent-session replica as its own process would run it: SessionModule with its own bus and
 * its own connection to a SQLite event store that other replicas share (the file), the directory
 * seeded from `directoryFile`. No gateway: the directory needs no PBX.
 */
export async function startReplica(options: { readonly dataDir: string; readonly directoryFile: string; readonly eventsFile: string }): Promise<Replica> {
  const config = loadConfig(
    { LOG_LEVEL: 'silent', AUTH_SECRET: REPLICA_AUTH_SECRET },
    { dataDir: options.dataDir, directoryFile: options.directoryFile, eventStoreUrl: `sqlite:${options.eventsFile}`, amiEndpoints: [] },
  );

  @Module({})
  class ReplicaModule {
    static forRoot(): DynamicModule {
      return {
        module: ReplicaModule,
        imports: [PlatformModule.forRoot(config, { serviceName: 'admin-replica', eventStore: true, bus: new InProcessBus() }), SessionModule],
      };
    }
  }
  const app = await createHttpApp(ReplicaModule.forRoot());
  return { app, http: app.getHttpServer(), close: () => app.close() };
}

/** A bearer header every replica accepts (they share the secret, as a deployment does). */
export function replicaToken(role: Role, agentId?: string): string {
  return `Bearer ${signAccessToken({ subject: agentId ?? role, role, ...(agentId ? { agentId } : {}) }, REPLICA_AUTH_SECRET, 600, Date.now())}`;
}
