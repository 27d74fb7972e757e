import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { freePort, startNatsServer } from '@switchboard/testing';
import { loginAndCallScenario } from './scenario';
import { startService, type ServiceProcess } from './service-process';

describe('distributed: three service processes over a real nats-server', () => {
  let nats: { url: string; stop(): Promise<void> };
  let sim: PbxSimulator;
  const services: ServiceProcess[] = [];
  let sessions: ServiceProcess;
  let reporting: ServiceProcess;
  let dataDir: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    sim = new PbxSimulator({ port: 0 });
    const { port } = await sim.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-e2e-'));
    const common = {
      NATS_URL: nats.url,
      DATA_DIR: dataDir,
      // agent-session and reporting share the embedded event store on this host.
      EVENTSTORE_URL: `sqlite:${path.join(dataDir, 'events.sqlite')}`,
      LOG_LEVEL: 'info',
    };
    const [gatewayPort, sessionPort, reportingPort] = [await freePort(), await freePort(), await freePort()];
    // Reporting and agent-session first: their durable consumers then see every event.
    reporting = await startService('apps/reporting/src/main.ts', common, reportingPort);
    sessions = await startService('apps/agent-session/src/main.ts', common, sessionPort);
    services.push(reporting, sessions);
    services.push(
      await startService(
        'apps/ami-gateway/src/main.ts',
        { ...common, AMI_URL: `ami://gateway:gateway-secret@127.0.0.1:${port}` },
        gatewayPort,
      ),
    );
  });

  afterAll(async () => {
    for (const s of services.reverse()) await s.stop();
    await sim?.stop();
    await nats?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the same outcome as the single process', async () => {
    await loginAndCallScenario({ sessions: sessions.url, reporting: reporting.url }, sim);
  });

  it('never logs the AMI secret', () => {
    for (const s of services) expect(s.output()).not.toContain('gateway-secret');
  });
});
