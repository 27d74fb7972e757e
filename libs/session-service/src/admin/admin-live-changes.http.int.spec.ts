import { streamNames } from '@switchboard/contracts';
import type { EventStore } from '@switchboard/event-store';
import { EVENT_STORE } from '@switchboard/platform';
import request from 'supertest';
import { startSessionStack, until, type SessionStack } from '../testing/session-stack';
import { CREDENTIALS, CapturedLogs, adminSiteYaml } from './testing/admin-site';

/**
 * Changes take effect at once, without a restart: a PIN set through the API signs in, a new
 * queue's login number works from a phone, the global number and pause reasons follow, and what a
 * session still holds is not removed from under it.
 */
describe('HTTP: admin changes in force at once', () => {
  let stack: SessionStack;
  let admin: string;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    stack = await startSessionStack(await adminSiteYaml());
    // Every line our code logs (any level) is kept, to look for the PIN in it. Without listen()
    // Nest buffers the lines; flushing hands the start-up's to the capture too and stops buffering.
    stack.app.useLogger(logs);
    stack.app.flushLogs();
    admin = await stack.signIn('admin', CREDENTIALS.admin);
  });
  afterAll(() => stack.stop());

  const agent2 = { name: 'Agent Two', line: 'SIP/1002', queues: ['helpdesk'] };
  const member = (queue: string, name: string) => stack.sim.members(queue).find((m) => m.memberName === name);
  const signIn = (login: string, password: string) => request(stack.http).post('/api/auth/login').send({ login, password });

  const PIN = '739154';

  it('hashes a PIN sent in the clear at once: it signs in, and is in no response or event', async () => {
    const res = await request(stack.http).put('/api/admin/agents/1002').set('authorization', admin).send({ ...agent2, pin: PIN }).expect(200);
    expect(res.body.agent).toMatchObject({ id: '1002', hasPin: true });
    expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${PIN}|pinHash|scrypt`));
    await signIn('1002', PIN).expect(200);
    expect((await signIn('1002', CREDENTIALS.agentPin).expect(401)).body.code).toBe('unauthorized');
    const read = await request(stack.http).get('/api/admin/agents/1002').set('authorization', admin).expect(200);
    expect(JSON.stringify(read.body)).not.toContain(PIN);
    const { events } = await stack.app.get<EventStore>(EVENT_STORE).readStream(streamNames.directory('pbx1'));
    const recorded = JSON.stringify(events.map((e) => e.data));
    expect(recorded).not.toContain(PIN);
    expect(recorded).toContain('scrypt$');
    // A change that does not name the PIN keeps it.
    await request(stack.http).put('/api/admin/agents/1002').set('authorization', admin).send({ ...agent2, name: 'Agent 2' }).expect(200);
    await signIn('1002', PIN).expect(200);
    // null removes it: the agent can no longer sign in with one.
    const removed = await request(stack.http).put('/api/admin/agents/1002').set('authorization', admin).send({ ...agent2, pin: null }).expect(200);
    expect(removed.body.agent.hasPin).toBe(false);
    await signIn('1002', PIN).expect(401);
    await request(stack.http).put('/api/admin/agents/1002').set('authorization', admin).send({ ...agent2, pin: CREDENTIALS.agentPin }).expect(200);
  });

  it('lets a phone log in to a queue added a moment ago, with its login number', async () => {
    // Before: 812 is no login number here.
    expect((await stack.dial('1002', '8121')).exten).toBe('gw-refused');
    await request(stack.http).put('/api/admin/queues/sales').set('authorization', admin).send({ loginNumber: '812' }).expect(200);
    await request(stack.http).put('/api/admin/agents/1002').set('authorization', admin).send({ ...agent2, queues: ['helpdesk', 'sales'] }).expect(200);
    expect((await stack.dial('1002', '8121')).exten).toBe('gw-loginok');
    await until(async () => member('sales', 'Agent 1002'), 'agent 1002 to be a member of sales');
    expect(member('helpdesk', 'Agent 1002')).toBeUndefined();
    expect((await stack.dial('1002', '8120')).exten).toBe('gw-loggedoff');
  });

  it('follows a new global login number, and its removal', async () => {
    await request(stack.http).put('/api/admin/global-login-number').set('authorization', admin).send({ number: '700' }).expect(200);
    expect((await stack.dial('1002', '9001')).exten).toBe('gw-refused');
    expect((await stack.dial('1002', '7001')).exten).toBe('gw-loginok');
    await until(async () => member('helpdesk', 'Agent 1002') && member('sales', 'Agent 1002'), 'agent 1002 in both queues');
    expect((await stack.dial('1002', '7000')).exten).toBe('gw-loggedoff');
    await request(stack.http).delete('/api/admin/global-login-number').set('authorization', admin).expect(200);
    expect((await stack.dial('1002', '7001')).exten).toBe('gw-refused');
  });

  it('follows the pause reasons: once listed, only listed reasons pause', async () => {
    const one = await stack.signIn('1001', CREDENTIALS.agentPin);
    const pause = (reason: string) => request(stack.http).post('/api/agents/1001/pause').set('authorization', one).send({ reason });
    await request(stack.http).put('/api/admin/pause-reasons/Coffee').set('authorization', admin).send({ label: 'Coffee break', maxMinutes: 10 }).expect(200);
    const refused = await pause('Lunch').expect(400);
    expect(refused.body).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not one of the configured pause reasons') });
    // The desktop offers what is listed now.
    const offered = await request(stack.http).get('/api/pause-reasons').set('authorization', one).expect(200);
    expect(offered.body).toEqual([{ code: 'Coffee', label: 'Coffee break', maxMinutes: 10 }]);
    await request(stack.http).delete('/api/admin/pause-reasons/Coffee').set('authorization', admin).expect(200);
    // No list again: any reason (the agent is not logged in, so the pause itself is refused for that).
    expect((await pause('Lunch')).body.code).not.toBe('invalid_input');
  });

  it('refuses to remove an agent, a queue or a phone a session still holds (409)', async () => {
    expect((await stack.dial('1001', '8111')).exten).toBe('gw-loginok');
    const removeAgent = await request(stack.http).delete('/api/admin/agents/1001').set('authorization', admin).expect(409);
    expect(removeAgent.body).toMatchObject({ code: 'agent_in_use', message: expect.stringContaining('force-logout') });
    const dropQueue = await request(stack.http).put('/api/admin/agents/1001').set('authorization', admin).send({ name: 'Agent One', line: 'SIP/1001', queues: [] }).expect(409);
    expect(dropQueue.body.code).toBe('agent_in_use');
    const removeQueue = await request(stack.http).delete('/api/admin/queues/helpdesk').set('authorization', admin).expect(409);
    expect(removeQueue.body).toMatchObject({ code: 'conflict', message: expect.stringContaining('1001') });
    expect((await stack.dial('1001', '8110')).exten).toBe('gw-loggedoff');
    await request(stack.http).delete('/api/admin/agents/1001').set('authorization', admin).expect(200);
    // Its line is no agent's any more.
    expect((await stack.dial('1001', '8111')).exten).toBe('gw-refused');

    const four = await stack.signIn('1004', CREDENTIALS.agentPin);
    await request(stack.http).post('/api/me/login').set('authorization', four).send({ phoneId: 'desk-1' }).expect(200);
    expect((await request(stack.http).delete('/api/admin/phones/desk-1').set('authorization', admin).expect(409)).body.code).toBe('phone_in_use');
    expect((await request(stack.http).delete('/api/admin/agents/1004').set('authorization', admin).expect(409)).body.code).toBe('agent_in_use');
    await request(stack.http).post('/api/me/logout').set('authorization', four).send({}).expect(200);
    await request(stack.http).delete('/api/admin/phones/desk-1').set('authorization', admin).expect(200);
  });

  it('logged every change, and never the PIN sent in the clear', () => {
    const text = logs.lines.join('\n');
    expect(text).toContain('directory version 2 recorded by admin');
    expect(text).not.toContain(PIN);
  });
});
