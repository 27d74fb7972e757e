import request from 'supertest';
import { PhoneClaims } from '../phones/phone-claims.service';
import { PHONES_SITE, startSessionStack, until, type SessionStack } from '../testing/session-stack';

/**
 * Hot desk and the other login methods over HTTP (supertest on the Fastify app), with the
 * simulator's registrations flowing in through the gateway and the bus.
 */
describe('HTTP: hot desk, where calls ring, /api/me, phones', () => {
  let stack: SessionStack;
  let supervisor: string;
  let four: string;
  let five: string;
  let one: string;

  beforeAll(async () => {
    stack = await startSessionStack();
    [supervisor, four, five, one] = await Promise.all([
      stack.signIn('supervisor', 'supervisor'),
      stack.signIn('1004', '1234'),
      stack.signIn('1005', '1234'),
      stack.signIn('1001', '1234'),
    ]);
  });
  afterAll(() => stack.stop());

  const available = async (auth: string) =>
    (await request(stack.http).get('/api/phones/available').set('authorization', auth).expect(200)).body.items as Array<{
      id: string;
      availability: string;
      registered: boolean | null;
    }>;
  const member = (queue: string, iface: string) => stack.sim.members(queue).find((m) => m.interface === iface);

  it('lists every phone while none is registered as far as the PBX said', async () => {
    expect((await available(four)).map((p) => p.id)).toEqual(['desk-1', 'desk-2', 'desk-3']);
  });

  it('lists only registered phones once registrations are known', async () => {
    stack.sim.registerPhone('1010');
    stack.sim.registerPhone('1012');
    stack.sim.unregisterPhone('1011');
    const phones = await until(async () => {
      const list = await available(four);
      return list.length === 2 ? list : undefined;
    }, 'desk-2 to drop out of the list');
    expect(phones.map((p) => [p.id, p.registered, p.availability])).toEqual([
      ['desk-1', true, 'free'],
      ['desk-3', true, 'free'],
    ]);
  });

  it('logs a hot-desk agent in on the phone it picks (POST /api/me/login)', async () => {
    const res = await request(stack.http).post('/api/me/login').set('authorization', four).send({ phoneId: 'desk-1' }).expect(200);
    expect(res.body.phoneId).toBe('desk-1');
    expect(res.body.outcomes).toEqual([{ queue: 'helpdesk', result: 'logged-in' }]);
    expect(member('helpdesk', 'Local/1010@agent-phones/n')?.memberName).toBe('Agent 1004');
    expect(stack.sim.deviceState('Custom:phone-1010-user')).toBe('INUSE');
    const me = await request(stack.http).get('/api/me').set('authorization', four).expect(200);
    expect(me.body).toMatchObject({ id: '1004', line: null, hotDesk: true, phoneId: 'desk-1' });
    expect((await available(four)).find((p) => p.id === 'desk-1')?.availability).toBe('yours');
  });

  it('refuses the same phone to another agent (phone_in_use), and does not list it to it', async () => {
    const res = await request(stack.http).post('/api/agents/1005/login').set('authorization', five).send({ phoneId: 'desk-1' }).expect(409);
    expect(res.body.code).toBe('phone_in_use');
    expect((await available(five)).map((p) => p.id)).toEqual(['desk-3']);
  });

  it('refuses an unregistered phone while others are registered (phone_not_available)', async () => {
    const res = await request(stack.http).post('/api/me/login').set('authorization', five).send({ phoneId: 'desk-2' }).expect(409);
    expect(res.body.code).toBe('phone_not_available');
  });

  it('refuses a second place to ring while logged in (already_logged_in)', async () => {
    const res = await request(stack.http).post('/api/me/login').set('authorization', four).send({ phoneId: 'desk-3' }).expect(409);
    expect(res.body.code).toBe('already_logged_in');
    const mobile = await request(stack.http).post('/api/me/login').set('authorization', four).send({ interface: 'mobile', mobileNumber: '0612345678' }).expect(409);
    expect(mobile.body.code).toBe('already_logged_in');
  });

  it('logs out and lets the phone go', async () => {
    const res = await request(stack.http).post('/api/me/logout').set('authorization', four).send({}).expect(200);
    expect(res.body).toMatchObject({ phoneId: null, outcomes: [{ queue: 'helpdesk', result: 'logged-out' }] });
    expect(member('helpdesk', 'Local/1010@agent-phones/n')).toBeUndefined();
    expect(stack.sim.deviceState('Custom:phone-1010-user')).toBe('NOT_INUSE');
    expect((await available(five)).map((p) => p.id)).toEqual(['desk-1', 'desk-3']);
  });

  it('asks a hot-desk agent for a phone, and validates the body at the edge', async () => {
    const cases: Array<[object, string]> = [
      [{}, 'invalid_input'],
      [{ interface: 'mobile' }, 'invalid_input'],
      [{ interface: 'mobile', mobileNumber: '06\r\nAction: Originate' }, 'invalid_input'],
      [{ interface: 'internal', phoneId: 'desk-1' }, 'invalid_input'],
      [{ mobileNumber: '0612345678' }, 'invalid_input'],
      [{ interface: 'radio' }, 'invalid_input'],
      [{ phoneId: 'desk-9' }, 'not_found'],
    ];
    for (const [body, code] of cases) {
      const res = await request(stack.http).post('/api/me/login').set('authorization', five).send(body);
      expect([res.status, res.body.code]).toEqual([code === 'not_found' ? 404 : 400, code]);
    }
  });

  it('lets an agent without hot desk ring in the browser or on a mobile', async () => {
    const internal = await request(stack.http).post('/api/agents/1001/login').set('authorization', one).send({ interface: 'internal' }).expect(200);
    expect(internal.body.outcomes).toEqual([{ queue: 'helpdesk', result: 'logged-in' }]);
    expect(member('helpdesk', 'PJSIP/webrtc-1001')?.memberName).toBe('Agent 1001');
    await request(stack.http).post('/api/me/logout').set('authorization', one).send({}).expect(200);
    await request(stack.http).post('/api/me/login').set('authorization', one).send({ interface: 'mobile', mobileNumber: '+33612345678' }).expect(200);
    expect(member('helpdesk', 'Local/+33612345678@agent-mobile/n')?.memberName).toBe('Agent 1001');
    await request(stack.http).post('/api/me/logout').set('authorization', one).send({}).expect(200);
    await request(stack.http).post('/api/me/login').set('authorization', one).send({ interface: 'phone' }).expect(200);
    expect(member('helpdesk', 'Local/1001@agent-phones/n')?.memberName).toBe('Agent 1001');
    await request(stack.http).post('/api/me/pause').set('authorization', one).send({ reason: 'Lunch' }).expect(200);
    expect(member('helpdesk', 'Local/1001@agent-phones/n')?.paused).toBe(true);
    await request(stack.http).post('/api/me/unpause').set('authorization', one).send({}).expect(200);
    await request(stack.http).post('/api/me/logout').set('authorization', one).send({}).expect(200);
  });

  it('refuses a mobile number another agent’s calls ring on (mobile_in_use), and frees it when they stop ringing there', async () => {
    const two = await stack.signIn('1002', '1234');
    const number = { interface: 'mobile', mobileNumber: '+33698765432' };
    await request(stack.http).post('/api/me/login').set('authorization', one).send(number).expect(200);
    const refused = await request(stack.http).post('/api/me/login').set('authorization', two).send(number).expect(409);
    expect(refused.body).toMatchObject({ code: 'mobile_in_use', message: expect.stringContaining('agent 1001') });
    // Nothing of agent 1002 was left behind by the refusal.
    expect(member('helpdesk', 'Local/+33698765432@agent-mobile/n')?.memberName).toBe('Agent 1001');
    expect(stack.sim.members('helpdesk').some((m) => m.memberName === 'Agent 1002')).toBe(false);
    // A supervisor's force logout frees it too, not only the agent's own logout.
    await request(stack.http).post('/api/agents/1001/force-logout').set('authorization', supervisor).send({}).expect(200);
    await request(stack.http).post('/api/me/login').set('authorization', two).send(number).expect(200);
    await request(stack.http).post('/api/me/logout').set('authorization', two).send({}).expect(200);
    await request(stack.http).post('/api/me/login').set('authorization', one).send(number).expect(200);
    await request(stack.http).post('/api/me/logout').set('authorization', one).send({}).expect(200);
  });

  it('finds an agent by number, for itself or a supervisor only', async () => {
    const self = await request(stack.http).get('/api/agents/by-number/1001').set('authorization', one).expect(200);
    expect(self.body).toMatchObject({ id: '1001', line: 'SIP/1001' });
    await request(stack.http).get('/api/agents/by-number/1004').set('authorization', supervisor).expect(200);
    expect((await request(stack.http).get('/api/agents/by-number/1004').set('authorization', one).expect(403)).body.code).toBe('forbidden');
    // An unknown number is forbidden to an agent too: nothing tells it which numbers exist.
    expect((await request(stack.http).get('/api/agents/by-number/4242').set('authorization', one).expect(403)).body.code).toBe('forbidden');
    expect((await request(stack.http).get('/api/agents/by-number/4242').set('authorization', supervisor).expect(404)).body.code).toBe('not_found');
  });

  it('has no /api/me for a supervisor', async () => {
    expect((await request(stack.http).get('/api/me').set('authorization', supervisor).expect(403)).body.code).toBe('forbidden');
  });

  it('shows a claim whose session ended without logout as stale, which a supervisor releases', async () => {
    // Agent 1006 claimed desk-3 a minute ago and is logged in nowhere now (its session ended
    // without a logout: a closed browser, a crash between claim and login).
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    await stack.app.get(PhoneClaims).claim({ agentId: '1006', phoneId: 'desk-3', via: 'desktop', commandId: 'old-claim', at: minuteAgo, mayMove: false });
    expect((await available(five)).find((p) => p.id === 'desk-3')).toMatchObject({ availability: 'stale', heldBy: '1006' });
    const refused = await request(stack.http).post('/api/me/login').set('authorization', five).send({ phoneId: 'desk-3' }).expect(409);
    expect(refused.body.code).toBe('phone_not_available');
    expect((await request(stack.http).post('/api/phones/desk-3/release').set('authorization', four).expect(403)).body.code).toBe('forbidden');
    const released = await request(stack.http).post('/api/phones/desk-3/release').set('authorization', supervisor).expect(200);
    expect(released.body).toEqual({ phoneId: 'desk-3', released: '1006' });
    await request(stack.http).post('/api/me/login').set('authorization', five).send({ phoneId: 'desk-3' }).expect(200);
    expect(member('sales', 'Local/1012@agent-phones/n')?.memberName).toBe('Agent 1005');
  });

  it('lets a supervisor release a phone in use: its agent leaves the queues it rang there', async () => {
    const released = await request(stack.http).post('/api/phones/desk-3/release').set('authorization', supervisor).expect(200);
    expect(released.body).toEqual({ phoneId: 'desk-3', released: '1005' });
    expect(member('sales', 'Local/1012@agent-phones/n')).toBeUndefined();
    expect(member('helpdesk', 'Local/1012@agent-phones/n')).toBeUndefined();
    expect(stack.sim.deviceState('Custom:phone-1012-user')).toBe('NOT_INUSE');
    expect((await request(stack.http).post('/api/phones/desk-9/release').set('authorization', supervisor).expect(404)).body.code).toBe('not_found');
  });
});

describe('HTTP: a site whose policy releases stale phones', () => {
  let stack: SessionStack;

  beforeAll(async () => {
    stack = await startSessionStack(`${PHONES_SITE}hotDeskPolicy:\n  releaseStaleAfterMinutes: 1\n`);
  });
  afterAll(() => stack.stop());

  it('lets a hot-desk login take over a claim that went stale long enough ago, and only such a one', async () => {
    const claims = stack.app.get(PhoneClaims);
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    await claims.claim({ agentId: '1006', phoneId: 'desk-1', via: 'desktop', commandId: 'old', at: ago(2 * 60_000), mayMove: false });
    await claims.claim({ agentId: '1007', phoneId: 'desk-2', via: 'desktop', commandId: 'recent', at: ago(40_000), mayMove: false });
    const five = await stack.signIn('1005', '1234');
    // Stale for 40 s only: the policy's minute has not passed.
    expect((await request(stack.http).post('/api/me/login').set('authorization', five).send({ phoneId: 'desk-2' }).expect(409)).body.code).toBe('phone_not_available');
    const res = await request(stack.http).post('/api/me/login').set('authorization', five).send({ phoneId: 'desk-1' }).expect(200);
    expect(res.body.phoneId).toBe('desk-1');
    expect(await claims.phone('desk-1')).toMatchObject({ status: 'claimed', agentId: '1005' });
    expect(await claims.seat('1006')).toEqual({ status: 'empty' });
  });
});
