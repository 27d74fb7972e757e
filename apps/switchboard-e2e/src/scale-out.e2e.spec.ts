import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { createTestDatabase, startNatsServer, type TestDatabase, type TestNatsServer } from '@switchboard/testing';
import request from 'supertest';
import { E2E_AUTH_SECRET, supervisorAuthorization } from './api-token';
import { eventually } from './eventually';
import { connectionsOf, observePbxEvents, type PbxEventObserver } from './pbx-event-observer';
import { PbxGroundTruth } from './pbx-ground-truth';
import { agentOfMember, expectedRows, reportedRows } from './report-rows';
import { ProcessGroup } from './replicas';
import type { ServiceProcess } from './service-process';
import { agentExtensions, writeTestDirectory } from './test-directory';

const AGENTS = agentExtensions(6);
const memberOf = (ext: string) => `Local/${ext}@agent-phones/n`;

/**
 * Two replicas of every service — two gateways for one PBX, two agent-session, two reporting —
 * as separate processes on one nats-server, sharing the event store (SQLite file) and the report
 * database (PostgreSQL). Feature-code logins, a load of queue calls and dispositions go through
 * them; what they report must equal what the PBX really did: one row per queue call, every
 * disposition on its row, one QueueAdd and one QueueRemove per member.
 */
describe('scale-out: two replicas of each service on one nats-server', () => {
  let nats: TestNatsServer;
  let db: TestDatabase;
  let sim: PbxSimulator;
  let truth: PbxGroundTruth;
  let observer: PbxEventObserver;
  let dataDir: string;
  const processes = new ProcessGroup();
  let gateways: ServiceProcess[] = [];
  let sessions: ServiceProcess[] = [];
  let reporting: ServiceProcess[] = [];
  const auth = supervisorAuthorization();

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNatsServer(), createTestDatabase()]);
    sim = new PbxSimulator({ port: 0, phones: [...AGENTS.map((ext) => ({ ext, name: `Agent ${ext}` })), { ext: '2001', name: 'Reception' }] });
    truth = new PbxGroundTruth(sim);
    const { port } = await sim.start();
    observer = await observePbxEvents(nats.url);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-scale-'));
    const common = {
      NATS_URL: nats.url,
      DATA_DIR: dataDir,
      AUTH_SECRET: E2E_AUTH_SECRET,
      // Both agent-session replicas (and reporting's follower) share one event store file.
      EVENTSTORE_URL: `sqlite:${path.join(dataDir, 'events.sqlite')}`,
      DATABASE_URL: db.url,
      DIRECTORY_FILE: writeTestDirectory(dataDir, AGENTS.length),
      LOG_LEVEL: 'info',
    };
    // One reporting replica migrates the schema first; everything else starts side by side.
    const first = await processes.start('apps/reporting/src/main.ts', common, 1);
    const [moreReporting, sessionReplicas, gatewayReplicas] = await processes.together([
      processes.start('apps/reporting/src/main.ts', common, 1),
      processes.start('apps/agent-session/src/main.ts', common, 2),
      processes.start('apps/ami-gateway/src/main.ts', { ...common, AMI_URL: `ami://gateway:gateway-secret@127.0.0.1:${port}` }, 2),
    ]);
    reporting = [...first, ...moreReporting];
    sessions = sessionReplicas;
    gateways = gatewayReplicas;
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

  const agentViews = async (session: ServiceProcess) => {
    const res = await request(session.url).get('/api/agents').set('authorization', auth).expect(200);
    return res.body as Array<{ id: string; queues: Array<{ queue: string; loggedIn: boolean }> }>;
  };
  const loggedInHelpdesk = async (session: ServiceProcess) =>
    (await agentViews(session)).filter((a) => a.queues.some((q) => q.queue === 'helpdesk' && q.loggedIn)).map((a) => a.id).sort();
  it('reports every call once, keeps every disposition, and carries each login out once', async () => {
    // One gateway owns the PBX; the other stands by.
    const roles = await eventually(async () => {
      const r = await Promise.all(gateways.map(async (g) => (await request(g.url).get('/health/ready')).body.checks.ami.detail as string));
      return r.filter((x) => x.startsWith('owner')).length === 1 ? r : undefined;
    }, 'exactly one gateway to own the PBX');
    expect(roles).toContain('standby');

    // Every agent logs in by feature code, all at once, across both agent-session replicas.
    await Promise.all(AGENTS.map((ext) => sim.dialFeatureCode(ext, '811')));
    await eventually(
      () => (AGENTS.every((ext) => sim.members('helpdesk').some((m) => m.interface === memberOf(ext))) ? true : undefined),
      'every agent to be a member of helpdesk on the PBX',
    );
    await eventually(() => (sim.redirects.filter((r) => r.exten === 'gw-loginok').length === AGENTS.length ? true : undefined), 'every login announced');
    for (const session of sessions) expect(await loggedInHelpdesk(session)).toEqual(AGENTS);

    // A load of queue calls, answered by those members (and some abandoned).
    sim.startLoad({ rate: 8, agents: AGENTS.length, queues: ['helpdesk'], abandonRate: 0.15 });
    await eventually(() => ((sim.stats().load?.callsStarted ?? 0) >= 40 ? true : undefined), '40 load calls to start', 30_000);
    sim.stopLoad();
    await eventually(() => (sim.calls().length === 0 ? true : undefined), 'every call to end', 30_000);
    const calls = truth.calls;
    expect(calls.length).toBeGreaterThanOrEqual(40);
    expect(calls.every((c) => c.outcome !== 'waiting')).toBe(true);
    const answered = calls.filter((c) => c.outcome === 'answered');

    // Agents dispose of the answered calls, through either agent-session replica.
    const dispositions = new Map<string, string>();
    for (const [i, call] of answered.entries()) {
      await request(sessions[i % sessions.length].url)
        .post('/api/dispositions')
        .set('authorization', auth)
        .send({ callId: call.callId, agentId: agentOfMember(call.memberInterface), code: `code-${i}` })
        .expect(201);
      dispositions.set(call.callId, `code-${i}`);
    }

    // The table both reporting replicas wrote equals the PBX's truth, row for row: wait until it
    // holds every call with every disposition, then compare exactly.
    const expected = expectedRows(calls, dispositions);
    await eventually(async () => {
      const rows = await reportedRows(reporting[0].url, auth);
      return rows.length >= expected.length && rows.filter((r) => r.disposition).length >= dispositions.size ? true : undefined;
    }, 'every call and disposition in the report', 30_000);
    for (const replica of reporting) {
      const rows = await reportedRows(replica.url, auth);
      expect(new Set(rows.map((r) => `${r.callId}|${r.queue}`)).size).toBe(rows.length);
      expect(rows).toEqual(expected);
    }

    // Everyone logs out again; each login and logout reached the PBX exactly once.
    await Promise.all(AGENTS.map((ext) => sim.dialFeatureCode(ext, '811')));
    await eventually(() => (sim.members('helpdesk').length === 0 ? true : undefined), 'every agent to leave helpdesk on the PBX');
    for (const session of sessions) expect(await loggedInHelpdesk(session)).toEqual([]);
    for (const ext of AGENTS) {
      expect(truth.actionCount('QueueAdd', 'helpdesk', memberOf(ext))).toBe(1);
      expect(truth.actionCount('QueueRemove', 'helpdesk', memberOf(ext))).toBe(1);
    }

    // Two gateways, one AMI connection: its events are on the bus once each, in order.
    const connections = connectionsOf(observer.events);
    expect(connections).toHaveLength(1);
    expect(connections[0].seqs).toEqual(connections[0].seqs.map((_, i) => i + 1));
  });
});
