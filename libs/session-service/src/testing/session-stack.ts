import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayModule } from '@switchboard/gateway-service';
import { DEFAULT_PHONES, PbxSimulator, type RedirectRecord } from '@switchboard/pbx-sim';
import { PlatformModule, createHttpApp, loadConfig, type AppConfig } from '@switchboard/platform';
import request from 'supertest';
import { SessionModule } from '../session.module';

/** The demo PIN 1234 and the password "supervisor", hashed as in apps/agent-session/config/directory.yaml. */
const PIN_1234 = 'scrypt$16384$8$1$Qvo0urd10CauzfqBNemXZg==$CE898O0nyofoycuX4GTY6rC+/eHH1MOCfgKL0QEAxnY=';
const SUPERVISOR = 'scrypt$16384$8$1$X/4FB232l791uX1rWB1NUg==$FSUYQI4/VDTbpRlrpi1nO3cG5v3xPqbv3Hp/SIIYvXo=';

/**
 * The phones-and-PINs site: the demo agents with their own lines, hot-desk agents 1004–1007 with
 * none, shared phones desk-1 (SIP/1010), desk-2 (SIP/1011) and desk-3 (SIP/1012), and a PIN
 * policy of 3 tries. Every agent's PIN is 1234.
 */
export const PHONES_SITE = `
pbxId: pbx1
globalLoginNumber: "900"
pinPolicy: { maxAttempts: 3, lockoutSeconds: 90 }
queues:
  - { name: helpdesk, loginNumber: "811" }
  - { name: sales, loginNumber: "812" }
agents:
  - { id: "1001", name: Agent One, line: SIP/1001, queues: [helpdesk], pinHash: "${PIN_1234}" }
  - { id: "1002", name: Agent Two, line: SIP/1002, queues: [helpdesk, sales], pinHash: "${PIN_1234}" }
  - { id: "1003", name: Agent Three, line: SIP/1003, queues: [helpdesk, sales], pinHash: "${PIN_1234}" }
  - { id: "1004", name: Agent Four, hotDesk: true, queues: [helpdesk], pinHash: "${PIN_1234}" }
  - { id: "1005", name: Agent Five, hotDesk: true, queues: [helpdesk, sales], pinHash: "${PIN_1234}" }
  - { id: "1006", name: Agent Six, hotDesk: true, queues: [sales], pinHash: "${PIN_1234}" }
  - { id: "1007", name: Agent Seven, hotDesk: true, queues: [sales], pinHash: "${PIN_1234}" }
phones:
  - { id: desk-1, line: SIP/1010, name: Desk 1 }
  - { id: desk-2, line: SIP/1011, name: Desk 2 }
  - { id: desk-3, line: SIP/1012, name: Desk 3 }
users:
  - { login: supervisor, role: supervisor, passwordHash: "${SUPERVISOR}" }
`;

@Module({})
class StackModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StackModule,
      imports: [PlatformModule.forRoot(config, { serviceName: 'session-test', eventStore: true }), GatewayModule, SessionModule],
    };
  }
}

export interface SessionStack {
  readonly sim: PbxSimulator;
  readonly app: NestFastifyApplication;
  readonly http: ReturnType<NestFastifyApplication['getHttpServer']>;
  /** Dials a code from a phone and resolves with the Redirect that answered it. */
  dial(ext: string, code: string): Promise<RedirectRecord>;
  /** A bearer header for a login and password. */
  signIn(login: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The simulator, the gateway and agent-session in one Nest application with the in-process bus
 * and the embedded SQLite store: the real code paths from a dialled code to the Redirect.
 */
export async function startSessionStack(directoryYaml = PHONES_SITE): Promise<SessionStack> {
  const sim = new PbxSimulator({
    port: 0,
    phones: [...DEFAULT_PHONES, { ext: '1010', name: 'Desk 1' }, { ext: '1011', name: 'Desk 2' }, { ext: '1012', name: 'Desk 3' }],
    // Long enough that a slow CI machine never hears the dialplan's own timeout first.
    timing: { featureHoldMs: 20_000 },
  });
  const { port } = await sim.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-stack-'));
  const directoryFile = path.join(dataDir, 'directory.yaml');
  fs.writeFileSync(directoryFile, directoryYaml);
  const config = loadConfig(
    { LOG_LEVEL: 'silent' },
    {
      dataDir,
      directoryFile,
      amiEndpoints: [{ pbxId: 'pbx1', host: '127.0.0.1', port, username: 'gateway', secret: 'gateway-secret' }],
    },
  );
  const app = await createHttpApp(StackModule.forRoot(config));
  await waitForClient(sim);
  const http = app.getHttpServer();
  return {
    sim,
    app,
    http,
    async dial(ext, code) {
      const { channel } = await sim.dialFeatureCode(ext, code);
      // Listening after the dial is safe: the Redirect needs the gateway's round trip over the
      // socket, which cannot complete before this continuation runs.
      return new Promise<RedirectRecord>((resolve) => {
        const onRedirect = (record: RedirectRecord) => {
          if (record.channel !== channel) return;
          sim.off('redirect', onRedirect);
          resolve(record);
        };
        sim.on('redirect', onRedirect);
      });
    },
    async signIn(login, password) {
      const res = await request(http).post('/api/auth/login').send({ login, password }).expect(200);
      return `Bearer ${res.body.token as string}`;
    },
    async stop() {
      await app.close();
      await sim.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once the gateway has logged in to the simulator (so dialled codes reach it). */
async function waitForClient(sim: PbxSimulator): Promise<void> {
  await until(async () => (sim.stats().authenticatedClients > 0 ? true : undefined), 'the gateway to log in to the simulator');
}

/** Polls until the probe holds; the system under test settles asynchronously (bus, consumers). */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
