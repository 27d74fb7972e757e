import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PbxEvent } from '@switchboard/contracts';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { hashSecret } from '@switchboard/platform';
import request from 'supertest';
import { E2E_AUTH_SECRET, supervisorAuthorization } from './api-token';
import { eventually } from './eventually';
import { startNatsWithCredentials, type CredentialedNatsServer } from './nats-with-credentials';
import { observePbxEvents, type PbxEventObserver } from './pbx-event-observer';
import { ProcessGroup } from './replicas';
import type { ServiceProcess } from './service-process';
import { writeTestDirectory } from './test-directory';

// Distinctive values, so a hit in the logs can only be a leak.
const AMI_SECRET = 'ami-S3cret-e2e-9KZ';
const NATS_PASS = 'n4ts-Pa55-e2e-7QX';
const PIN = '73914628';
const WRONG_PIN = '52806371';

type LogLine = Record<string, unknown> & { msg?: string; correlationId?: string };

/** The JSON lines of a process's output (pino writes one object per line). */
function jsonLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/**
 * A full distributed run at LOG_LEVEL=debug with production-like credentials — an AMI secret, a
 * NATS user and password, agent PINs used on the phone (PIN short code) and at the desktop
 * sign-in, a wrong PIN too — after which no service's output contains any of them. The same run
 * shows the correlation id: a feature code is followed from the AMI event through agent-session to
 * the Redirect by the call's Linkedid, and a queue call by its own.
 */
describe('logs: structured, correlated, and free of secrets', () => {
  let nats: CredentialedNatsServer;
  let sim: PbxSimulator;
  let observer: PbxEventObserver;
  let dataDir: string;
  const processes = new ProcessGroup();
  let gateway: ServiceProcess;
  let sessions: ServiceProcess;
  let reporting: ServiceProcess;
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    nats = await startNatsWithCredentials('switchboard', NATS_PASS);
    sim = new PbxSimulator({ port: 0, secret: AMI_SECRET });
    const { port } = await sim.start();
    observer = await observePbxEvents(nats.url, { user: nats.user, pass: nats.pass });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-logs-'));
    const common = {
      NATS_URL: nats.url,
      NATS_USER: nats.user,
      NATS_PASS: nats.pass,
      DATA_DIR: dataDir,
      AUTH_SECRET: E2E_AUTH_SECRET,
      EVENTSTORE_URL: `sqlite:${path.join(dataDir, 'events.sqlite')}`,
      DATABASE_URL: `sqlite:${path.join(dataDir, 'report.sqlite')}`,
      DIRECTORY_FILE: writeTestDirectory(dataDir, 3, { '1001': await hashSecret(PIN), '1002': await hashSecret(PIN) }),
      LOG_LEVEL: 'debug',
    };
    [[reporting], [sessions], [gateway]] = await processes.together([
      processes.start('apps/reporting/src/main.ts', common, 1),
      processes.start('apps/agent-session/src/main.ts', common, 1),
      processes.start('apps/ami-gateway/src/main.ts', { ...common, AMI_URL: `ami://gateway:${AMI_SECRET}@127.0.0.1:${port}` }, 1),
    ]);
  });

  afterAll(async () => {
    await processes.stopAll();
    await observer?.close();
    await sim?.stop();
    await nats?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const event = <T extends PbxEvent['type']>(type: T, match: (e: Extract<PbxEvent, { type: T }>) => boolean) =>
    eventually(() => observer.events.find((e): e is Extract<PbxEvent, { type: T }> => e.type === type && match(e as Extract<PbxEvent, { type: T }>)), `${type} on the bus`);

  it('runs a login by feature code, a PIN short code, desktop sign-ins and a queue call', async () => {
    // A queue login number from the agent's own phone.
    const login = await sim.dialFeatureCode('1001', '811');
    await eventually(() => (sim.redirects.some((r) => r.exten === 'gw-loginok') ? true : undefined), 'the login announcement');
    outputs['featureCode'] = (await event('FeatureCodeDialed', (e) => e.data.uniqueid === login.uniqueid)).metadata.correlationId ?? '';

    // A PIN short code: the PIN travels in the UserEvent's code.
    const pinCode = await sim.dialFeatureCode('1002', `*35*1002*${PIN}#`);
    await eventually(() => (sim.redirects.some((r) => r.channel === pinCode.channel) ? true : undefined), 'the PIN code answered');

    // Desktop sign-in with the PIN, and once with a wrong one.
    const signedIn = await request(sessions.url).post('/api/auth/login').send({ login: '1002', password: PIN }).expect(200);
    expect(signedIn.body).toMatchObject({ token: expect.any(String), agentId: '1002' });
    await request(sessions.url).post('/api/auth/login').send({ login: '1003', password: WRONG_PIN }).expect(401);

    // A queue call answered by 1001 and reported.
    const call = await sim.startInboundCall('helpdesk', { callerNumber: '0612345678', ringMs: 100, talkMs: 300 });
    outputs['call'] = call.linkedid;
    await eventually(async () => {
      const res = await request(reporting.url).get('/api/calls').set('authorization', supervisorAuthorization());
      return (res.body.items as Array<{ callId: string }> | undefined)?.some((c) => c.callId === call.linkedid) ? true : undefined;
    }, 'the call in the report');
    await event('AgentCompleted', (e) => e.data.linkedid === call.linkedid);
  });

  it('follows the feature code from the AMI event to the Redirect by its correlation id', () => {
    const id = outputs['featureCode'];
    expect(id).toBeTruthy();
    const gatewayLines = jsonLines(gateway.output()).filter((l) => l.correlationId === id);
    expect(gatewayLines.some((l) => l['type'] === 'FeatureCodeDialed')).toBe(true);
    expect(gatewayLines.some((l) => l['action'] === 'Redirect')).toBe(true);
    expect(jsonLines(sessions.output()).some((l) => l.correlationId === id && /feature code on/.test(l.msg ?? ''))).toBe(true);
  });

  it('tags a queue call’s AMI events with its Linkedid', async () => {
    const id = outputs['call'];
    const tagged = jsonLines(gateway.output()).filter((l) => l.correlationId === id).map((l) => l['type']);
    expect(tagged).toEqual(expect.arrayContaining(['QueueCallerJoined', 'AgentConnected', 'AgentCompleted']));
    expect((await event('AgentConnected', (e) => e.data.linkedid === id)).metadata.correlationId).toBe(id);
  });

  it('never writes the AMI secret, the NATS password or a PIN, even at debug level', async () => {
    // Stopped first: everything each process had to say is in its output.
    await processes.stopAll();
    for (const service of [gateway, sessions, reporting]) {
      const output = service.output();
      expect(jsonLines(output).length).toBeGreaterThan(10);
      for (const secret of [AMI_SECRET, NATS_PASS, PIN, WRONG_PIN]) expect(output).not.toContain(secret);
    }
  });
});
