import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { createTestDatabase, startNatsServer, type TestDatabase, type TestNatsServer } from '@switchboard/testing';
import request from 'supertest';
import { E2E_AUTH_SECRET, supervisorAuthorization } from './api-token';
import { eventually } from './eventually';
import { PbxGroundTruth } from './pbx-ground-truth';
import { connectionsOf, observePbxEvents, type PbxEventObserver } from './pbx-event-observer';
import { agentOfMember, expectedRows, reportedRows } from './report-rows';
import { ProcessGroup } from './replicas';
import type { ServiceProcess } from './service-process';
import { agentExtensions, writeTestDirectory } from './test-directory';

const AGENTS = agentExtensions(6);

/**
 * SIGTERM mid-load, as Kubernetes sends it on a rolling update or a scale-in: the reporting
 * process and then the gateway that owns the PBX stop while calls keep coming. Each exits 0 after
 * finishing what it holds; the standby gateway takes over; a replacement reporting process
 * catches up; and the table then holds every call and every disposition (those posted while no
 * reporting process ran included), with no PBX event published twice.
 */
describe('graceful shutdown: SIGTERM to reporting and to the owning gateway under load', () => {
  let nats: TestNatsServer;
  let db: TestDatabase;
  let sim: PbxSimulator;
  let truth: PbxGroundTruth;
  let observer: PbxEventObserver;
  let dataDir: string;
  let common: Record<string, string>;
  const processes = new ProcessGroup();
  let reporting: ServiceProcess;
  let sessions: ServiceProcess;
  let gateways: ServiceProcess[];
  const auth = supervisorAuthorization();

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNatsServer(), createTestDatabase()]);
    sim = new PbxSimulator({ port: 0, phones: AGENTS.map((ext) => ({ ext, name: `Agent ${ext}` })) });
    truth = new PbxGroundTruth(sim);
    const { port } = await sim.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-sigterm-'));
    observer = await observePbxEvents(nats.url);
    common = {
      NATS_URL: nats.url,
      DATA_DIR: dataDir,
      AUTH_SECRET: E2E_AUTH_SECRET,
      EVENTSTORE_URL: `sqlite:${path.join(dataDir, 'events.sqlite')}`,
      DATABASE_URL: db.url,
      DIRECTORY_FILE: writeTestDirectory(dataDir, AGENTS.length),
      LOG_LEVEL: 'info',
    };
    [[reporting], [sessions], gateways] = await processes.together([
      processes.start('apps/reporting/src/main.ts', common, 1),
      processes.start('apps/agent-session/src/main.ts', common, 1),
      processes.start('apps/ami-gateway/src/main.ts', { ...common, AMI_URL: `ami://gateway:gateway-secret@127.0.0.1:${port}` }, 2),
    ]);
  });

  afterAll(async () => {
    await processes.stopAll();
    await observer?.close();
    sim?.stopLoad();
    await sim?.stop();
    await nats?.stop();
    await db?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const amiRole = async (g: ServiceProcess) => (await request(g.url).get('/health/ready')).body.checks.ami.detail as string;
  const callsStarted = (n: number) => () => ((sim.stats().load?.callsStarted ?? 0) >= n ? true : undefined);

  it('loses no call, no disposition and publishes no event twice', async () => {
    const [gatewayA, gatewayB] = gateways;
    const roles = await eventually(async () => {
      const r = await Promise.all([gatewayA, gatewayB].map(amiRole));
      return r.filter((x) => x.startsWith('owner')).length === 1 ? r : undefined;
    }, 'one gateway to own the PBX');
    const [owner, standby] = roles[0].startsWith('owner') ? [gatewayA, gatewayB] : [gatewayB, gatewayA];

    await Promise.all(AGENTS.map((ext) => sim.dialFeatureCode(ext, '811')));
    await eventually(() => (sim.members('helpdesk').length === AGENTS.length ? true : undefined), 'every agent logged in on the PBX');
    sim.startLoad({ rate: 8, agents: AGENTS.length, queues: ['helpdesk'], abandonRate: 0.15 });

    // Reporting stops mid-load: readiness goes 503 and the process exits 0 once the event in hand
    // is written and acked.
    await eventually(callsStarted(12), '12 load calls', 30_000);
    const reportingExit = await reporting.stop();
    processes.forget(reporting);
    expect(reportingExit).toEqual({ code: 0, signal: null });
    expect(reporting.output()).toContain('stopped cleanly');

    // Dispositions keep coming while no reporting process runs: they wait in the event store.
    const dispositions = new Map<string, string>();
    const dispose = async () => {
      for (const call of truth.calls.filter((c) => c.outcome === 'answered' && !dispositions.has(c.callId))) {
        const code = `code-${dispositions.size}`;
        await request(sessions.url)
          .post('/api/dispositions')
          .set('authorization', auth)
          .send({ callId: call.callId, agentId: agentOfMember(call.memberInterface), code })
          .expect(201);
        dispositions.set(call.callId, code);
      }
    };
    await dispose();
    expect(dispositions.size).toBeGreaterThan(0);

    // The owning gateway stops mid-load: it publishes what it read, logs off, and frees the lease
    // so the standby takes over without waiting for the lease to expire.
    await eventually(callsStarted(24), '24 load calls', 30_000);
    const beforeHandover = truth.mark();
    const gatewayExit = await owner.stop();
    processes.forget(owner);
    expect(gatewayExit).toEqual({ code: 0, signal: null });
    await eventually(async () => ((await amiRole(standby)).startsWith('owner') ? true : undefined), 'the standby to take over', 10_000, 50);
    const afterHandover = truth.mark();

    // A replacement reporting process catches up from the durable consumer and the event store.
    const [replacement] = await processes.start('apps/reporting/src/main.ts', common, 1);
    await eventually(callsStarted(40), '40 load calls', 30_000);
    sim.stopLoad();
    await eventually(() => (sim.calls().length === 0 ? true : undefined), 'every call to end', 30_000);
    await dispose();

    // The stopped gateway's connection ends with its AmiDisconnected (everything it read was
    // published before it exited); the new owner's starts at 1; no sequence number repeats.
    const connections = connectionsOf(observer.events);
    expect(connections).toHaveLength(2);
    for (const c of connections) expect(c.seqs).toEqual(c.seqs.map((_, i) => i + 1));
    expect(connections[0].types[connections[0].types.length - 1]).toBe('AmiDisconnected');
    expect(connections[1].types[0]).toBe('AmiConnected');

    // Every call that did not live through the gateway handover (AMI does not replay what
    // happens while no client is logged in) is in the table exactly as the PBX saw it, with its
    // disposition; calls during the handover are there at most once.
    const whole = truth.calls.filter((c) => c.lastEvent < beforeHandover || c.firstEvent >= afterHandover);
    expect(whole.length).toBeGreaterThanOrEqual(30);
    const expected = expectedRows(whole, dispositions);
    const wholeIds = new Set(whole.map((c) => c.callId));
    const rowsOfWholeCalls = async () => (await reportedRows(replacement.url, auth)).filter((r) => wholeIds.has(r.callId));
    await eventually(async () => {
      const rows = await rowsOfWholeCalls();
      return rows.length === expected.length && rows.filter((r) => r.disposition).length === expected.filter((r) => r.disposition).length ? true : undefined;
    }, 'every call and disposition in the report', 60_000);
    expect(await rowsOfWholeCalls()).toEqual(expected);
    const all = await reportedRows(replacement.url, auth);
    expect(new Set(all.map((r) => `${r.callId}|${r.queue}`)).size).toBe(all.length);
  });
});
