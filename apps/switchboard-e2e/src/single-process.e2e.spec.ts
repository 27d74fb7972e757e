import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { freePort } from '@switchboard/testing';
import request from 'supertest';
import { loginAndCallScenario } from './scenario';
import { startService, type ServiceProcess } from './service-process';

describe('single process: apps/switchboard with the in-process bus and embedded stores', () => {
  let sim: PbxSimulator;
  let service: ServiceProcess;
  let dataDir: string;

  beforeAll(async () => {
    sim = new PbxSimulator({ port: 0 });
    const { port } = await sim.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-e2e-'));
    service = await startService(
      'apps/switchboard/src/main.ts',
      { AMI_URL: `ami://gateway:gateway-secret@127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      await freePort(),
    );
  });

  afterAll(async () => {
    await service?.stop();
    await sim?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs an agent in by feature code and reports the call, attributed to the phone then the agent', async () => {
    await loginAndCallScenario({ sessions: service.url, reporting: service.url }, sim);
  });

  it('is ready once the AMI connection is up, and never logs the AMI secret', async () => {
    const res = await request(service.url).get('/health/ready').expect(200);
    expect(res.body).toMatchObject({ ok: true, checks: expect.objectContaining({ ami: { ok: true, detail: 'owner of pbx1' } }) });
    expect(service.output()).not.toContain('gateway-secret');
  });
});
