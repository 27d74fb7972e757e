import type { PbxSimulator } from '@switchboard/pbx-sim';
import request from 'supertest';
import { eventually } from './eventually';
import { signIn } from './sign-in';

/** Where each HTTP API is served: one server in single-process mode, one per service otherwise. */
export interface Endpoints {
  /** supertest target for agent-session routes (/api/agents, /api/dispositions). */
  readonly sessions: Parameters<typeof request>[0];
  /** supertest target for reporting routes (/api/calls, /api/agents/:id/calls). */
  readonly reporting: Parameters<typeof request>[0];
}

interface AgentView {
  id: string;
  queues: Array<{ queue: string; loggedIn: boolean; paused: boolean }>;
}

interface CallRow {
  callId: string;
  queue: string;
  outcome: string;
  attribution: string;
  userId: string | null;
  phoneId: string | null;
  agentId: string | null;
  callerNumber: string;
  waitSeconds: number | null;
  talkSeconds: number | null;
  disposition: { code: string } | null;
}

/** The supervisor's Authorization header, set by the scenario once it has signed in. */
let supervisor = '';

async function agent(endpoints: Endpoints, id: string): Promise<AgentView> {
  const res = await request(endpoints.sessions).get('/api/agents').set('authorization', supervisor).expect(200);
  const found = (res.body as AgentView[]).find((a) => a.id === id);
  if (!found) throw new Error(`agent ${id} missing from /api/agents`);
  return found;
}

async function calls(endpoints: Endpoints, query = ''): Promise<{ items: CallRow[]; total: number }> {
  const res = await request(endpoints.reporting).get(`/api/calls${query}`).set('authorization', supervisor).expect(200);
  return res.body as { items: CallRow[]; total: number };
}

/**
 * The walking skeleton end to end: agent 1001 dials 811 and is logged into helpdesk (on the PBX
 * and in the API); a caller is answered by that phone and lands in the Report Call Table,
 * attributed to the phone; after the agent's disposition it is attributed to the agent.
 */
export async function loginAndCallScenario(endpoints: Endpoints, sim: PbxSimulator): Promise<void> {
  await authScenario(endpoints);
  supervisor = await signIn(endpoints.sessions, 'supervisor', 'supervisor');
  const agent1001 = await signIn(endpoints.sessions, '1001', '1234');
  // Nothing is logged in at first.
  expect((await agent(endpoints, '1001')).queues.find((q) => q.queue === 'helpdesk')?.loggedIn).toBe(false);

  await sim.dialFeatureCode('1001', '811');
  await eventually(
    () => (sim.members('helpdesk').some((m) => m.interface === 'Local/1001@agent-phones/n') ? true : undefined),
    '1001 to be a member of helpdesk on the PBX',
  );
  await eventually(
    () => (sim.redirects.some((r) => r.exten === 'gw-loginok') ? true : undefined),
    'the caller to be sent to the login announcement',
  );
  const view = await agent(endpoints, '1001');
  expect(view.queues).toEqual(expect.arrayContaining([expect.objectContaining({ queue: 'helpdesk', loggedIn: true, paused: false })]));

  // A line that is no agent's is refused with its own prompt.
  await sim.dialFeatureCode('2001', '811');
  await eventually(() => (sim.redirects.some((r) => r.exten === 'gw-refused') ? true : undefined), 'the refusal');

  const { linkedid } = await sim.startInboundCall('helpdesk', {
    callerNumber: '0612345678',
    callerName: 'Customer 0612345678',
    ringMs: 200,
    talkMs: 1200,
  });
  const answered = await eventually(async () => {
    const row = (await calls(endpoints)).items.find((c) => c.callId === linkedid);
    return row?.outcome === 'answered' && row.talkSeconds !== null ? row : undefined;
  }, 'the answered call to be reported');
  expect(answered).toMatchObject({
    queue: 'helpdesk',
    callerNumber: '0612345678',
    phoneId: 'SIP/1001',
    agentId: '1001',
    attribution: 'phone',
    userId: 'SIP/1001',
  });
  // Not disposed: not in the agent's own call list.
  const before = await request(endpoints.reporting).get('/api/agents/1001/calls').set('authorization', agent1001).expect(200);
  expect((before.body.items as CallRow[]).map((c) => c.callId)).not.toContain(linkedid);

  await request(endpoints.sessions)
    .post('/api/dispositions')
    .set('authorization', agent1001)
    .send({ callId: linkedid, agentId: '1001', code: 'resolved', note: 'printer reset' })
    .expect(201);
  const disposed = await eventually(async () => {
    const row = (await calls(endpoints)).items.find((c) => c.callId === linkedid);
    return row?.attribution === 'agent' ? row : undefined;
  }, 'the call to be attributed to the agent');
  expect(disposed).toMatchObject({ userId: '1001', disposition: expect.objectContaining({ code: 'resolved' }) });
  const mine = await request(endpoints.reporting).get('/api/agents/1001/calls').set('authorization', agent1001).expect(200);
  expect((mine.body.items as CallRow[]).map((c) => c.callId)).toContain(linkedid);

  // An abandoned call is reported too.
  const abandoned = await sim.startInboundCall('sales', { callerNumber: '0699999999', callerName: 'Impatient', abandonAfterMs: 300 });
  await eventually(async () => {
    const row = (await calls(endpoints)).items.find((c) => c.callId === abandoned.linkedid);
    return row?.outcome === 'abandoned' ? row : undefined;
  }, 'the abandoned call to be reported');

  // Invalid input gets a clear error.
  const bad = await request(endpoints.sessions).post('/api/dispositions').set('authorization', supervisor).send({ callId: 'x\r\nAction: Hangup', agentId: '1001', code: 'c' }).expect(400);
  expect(bad.body).toMatchObject({ code: 'invalid_input' });

  const notJson = await request(endpoints.sessions).post('/api/dispositions').set('authorization', supervisor).set('content-type', 'application/json').send('{"callId": ').expect(400);
  expect(notJson.body).toMatchObject({ code: 'invalid_input' });
  const unknownAgent = await request(endpoints.sessions).post('/api/dispositions').set('authorization', supervisor).send({ callId: 'c', agentId: '9999', code: 'x' }).expect(404);
  expect(unknownAgent.body).toMatchObject({ code: 'not_found' });
  const extraField = await request(endpoints.sessions).post('/api/dispositions').set('authorization', supervisor).send({ callId: 'c', agentId: '1001', code: 'x', evil: 1 }).expect(400);
  expect(extraField.body).toMatchObject({ code: 'invalid_input' });
  const badQuery = await request(endpoints.reporting).get('/api/calls?from=yesterday').set('authorization', supervisor).expect(400);
  expect(badQuery.body).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('from') });
  const noRoute = await request(endpoints.reporting).get('/api/nothing-here').set('authorization', supervisor).expect(404);
  expect(noRoute.body).toMatchObject({ code: 'not_found' });

  // The desktop's actions: pause with a reason (on the PBX too), unpause, refusals.
  const member1001 = () => sim.members('helpdesk').find((m) => m.interface === 'Local/1001@agent-phones/n');
  const paused = await request(endpoints.sessions).post('/api/agents/1001/pause').set('authorization', agent1001).send({ reason: 'Lunch' }).expect(200);
  expect(paused.body.outcomes).toEqual([{ queue: 'helpdesk', result: 'paused' }]);
  expect(paused.body.pbx).toEqual([expect.objectContaining({ ok: true })]);
  expect(member1001()).toMatchObject({ paused: true, pausedReason: 'Lunch' });
  expect((await agent(endpoints, '1001')).queues[0]).toMatchObject({ paused: true });
  await request(endpoints.sessions).post('/api/agents/1001/unpause').set('authorization', agent1001).send({}).expect(200);
  expect(member1001()).toMatchObject({ paused: false });
  const injected = await request(endpoints.sessions).post('/api/agents/1001/pause').set('authorization', agent1001).send({ reason: 'Lunch\r\nAction: Hangup' }).expect(400);
  expect(injected.body).toMatchObject({ code: 'invalid_input' });
  const nowhere = await request(endpoints.sessions).post('/api/agents/1003/pause').set('authorization', supervisor).send({ reason: 'Lunch' }).expect(409);
  expect(nowhere.body).toMatchObject({ code: 'not_logged_in' });
  const foreign = await request(endpoints.sessions).post('/api/agents/1001/login').set('authorization', agent1001).send({ queues: ['sales'] }).expect(400);
  expect(foreign.body).toMatchObject({ code: 'invalid_input' });
  const loginSales = await request(endpoints.sessions).post('/api/agents/1002/login').set('authorization', supervisor).send({ queues: ['sales'] }).expect(200);
  expect(loginSales.body.outcomes).toEqual([{ queue: 'sales', result: 'logged-in' }]);
  expect(sim.members('sales').map((m) => m.interface)).toContain('Local/1002@agent-phones/n');
  const again = await request(endpoints.sessions).post('/api/agents/1002/login').set('authorization', supervisor).send({ queues: ['sales'] }).expect(200);
  expect(again.body.outcomes).toEqual([{ queue: 'sales', result: 'already-logged-in' }]);
  await request(endpoints.sessions).post('/api/agents/1002/logout').set('authorization', supervisor).send({}).expect(200);
  expect(sim.members('sales').map((m) => m.interface)).not.toContain('Local/1002@agent-phones/n');
  expect((await request(endpoints.sessions).get('/api/agents/1002').set('authorization', supervisor).expect(200)).body.queues.every((q: { loggedIn: boolean }) => !q.loggedIn)).toBe(true);

  // Toggle again: logged out on the PBX and in the API.
  await sim.dialFeatureCode('1001', '811');
  await eventually(
    () => (sim.members('helpdesk').some((m) => m.interface === 'Local/1001@agent-phones/n') ? undefined : true),
    '1001 to leave helpdesk on the PBX',
  );
  expect((await agent(endpoints, '1001')).queues.find((q) => q.queue === 'helpdesk')?.loggedIn).toBe(false);
}

/**
 * Sign-in and roles: tokens only for the right password, no API without one, agents act only on
 * themselves and do not see everyone; health and metrics stay open to probes and scrapers.
 */
async function authScenario(endpoints: Endpoints): Promise<void> {
  const wrong = await request(endpoints.sessions).post('/api/auth/login').send({ login: '1001', password: '9999' }).expect(401);
  expect(wrong.body).toEqual({ code: 'unauthorized', message: 'login or password is wrong' });
  const nobody = await request(endpoints.sessions).post('/api/auth/login').send({ login: 'nobody', password: '1234' }).expect(401);
  expect(nobody.body).toEqual(wrong.body);
  const malformed = await request(endpoints.sessions).post('/api/auth/login').send({ login: '1001' }).expect(400);
  expect(malformed.body).toMatchObject({ code: 'invalid_input' });

  const anonymous = await request(endpoints.sessions).get('/api/agents').expect(401);
  expect(anonymous.body).toMatchObject({ code: 'unauthorized' });
  await request(endpoints.reporting).get('/api/calls').expect(401);
  await request(endpoints.sessions).get('/api/agents').set('authorization', 'Bearer forged.token').expect(401);

  const agent = await signIn(endpoints.sessions, '1001', '1234');
  const notForAgents = await request(endpoints.sessions).get('/api/agents').set('authorization', agent).expect(403);
  expect(notForAgents.body).toMatchObject({ code: 'forbidden' });
  const someoneElse = await request(endpoints.sessions).post('/api/agents/1002/pause').set('authorization', agent).send({ reason: 'Lunch' }).expect(403);
  expect(someoneElse.body).toMatchObject({ code: 'forbidden' });
  const notMine = await request(endpoints.sessions)
    .post('/api/dispositions')
    .set('authorization', agent)
    .send({ callId: 'c', agentId: '1002', code: 'x' })
    .expect(403);
  expect(notMine.body).toMatchObject({ code: 'forbidden' });
  await request(endpoints.sessions).get('/api/agents/1001').set('authorization', agent).expect(200);
  const admin = await signIn(endpoints.sessions, 'admin', 'admin');
  await request(endpoints.sessions).get('/api/agents').set('authorization', admin).expect(200);

  await request(endpoints.sessions).get('/health/live').expect(200);
  await request(endpoints.reporting).get('/metrics').expect(200);
}
