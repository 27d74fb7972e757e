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

  it('exposes Prometheus metrics of every service on /metrics', async () => {
    const res = await request(service.url).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/switchboard_ami_connected\{[^}]*pbx="pbx1"[^}]*\} 1/);
    expect(res.text).toMatch(/switchboard_ami_events_published_total\{[^}]*\} [1-9]/);
    expect(res.text).toMatch(/switchboard_feature_code_seconds_count\{[^}]*announcement="logged-in"[^}]*\} [1-9]/);
    expect(res.text).toMatch(/switchboard_agent_commands_total\{[^}]*type="DisposeCall"[^}]*result="recorded"[^}]*\} 1/);
    expect(res.text).toMatch(/switchboard_projection_pbx_events_total\{[^}]*type="AgentConnected"[^}]*\} [1-9]/);
  });

  it('describes its whole HTTP API in GET /api/openapi.json, bodies and queries included', async () => {
    const res = await request(service.url).get('/api/openapi.json').expect(200);
    type Operation = { requestBody?: unknown; parameters?: Array<{ name: string; in: string }> };
    const paths = res.body.paths as Record<string, Record<string, Operation>>;
    for (const path of ['/api/auth/login', '/api/agents', '/api/agents/{id}/login', '/api/agents/{id}/pause', '/api/me', '/api/phones/available', '/api/dispositions', '/api/calls', '/api/reports/queues', '/api/admin/reporting/rebuild']) {
      expect(Object.keys(paths)).toContain(path);
    }
    // Every POST that reads a body documents it (the ones listed take none).
    const bodiless = new Set(['/api/agents/{id}/force-logout', '/api/phones/{id}/release', '/api/admin/reporting/rebuild']);
    for (const [path, operations] of Object.entries(paths)) {
      if (operations['post'] && !bodiless.has(path)) expect([path, operations['post'].requestBody]).toEqual([path, expect.anything()]);
    }
    const callParams = (paths['/api/calls']?.['get']?.parameters ?? []).map((p) => `${p.in}:${p.name}`);
    expect(callParams).toEqual(expect.arrayContaining(['query:from', 'query:until', 'query:cursor', 'query:outcome', 'query:format']));
    expect(Object.keys(paths).some((p) => p.startsWith('/desktop'))).toBe(false);
  });
});
