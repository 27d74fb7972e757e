import { PBX_EVENT_SCHEMA_VERSION } from '@switchboard/contracts';
import type { EventStore } from '@switchboard/event-store';
import { EVENT_STORE } from '@switchboard/platform';
import request from 'supertest';
import { FeatureCodeHandler } from './feature-code.handler';
import { startSessionStack, type SessionStack } from '../testing/session-stack';

/** PIN short codes over the simulator, the gateway, the in-process bus and the embedded store. */
describe('PIN short codes: force-login on a shared phone, *36 logoff, lockout', () => {
  let stack: SessionStack;
  let supervisor: string;

  beforeAll(async () => {
    stack = await startSessionStack();
    supervisor = await stack.signIn('supervisor', 'supervisor');
  });
  afterAll(() => stack.stop());

  const member = (queue: string, iface: string) => stack.sim.members(queue).find((m) => m.interface === iface);
  const phones = async () => (await request(stack.http).get('/api/phones').set('authorization', supervisor).expect(200)).body.items as Array<{ id: string; heldBy: string | null }>;

  it('*35*EXT*PIN# logs the agent in on the phone it is dialled from, and the phone shows its user', async () => {
    const redirect = await stack.dial('1010', '*35*1004*1234#');
    expect(redirect).toMatchObject({ context: 'from-agents', exten: 'gw-loginok' });
    expect(member('helpdesk', 'Local/1010@agent-phones/n')).toMatchObject({ memberName: 'Agent 1004', stateInterface: 'SIP/1010' });
    expect(stack.sim.deviceState('Custom:phone-1010-user')).toBe('INUSE');
    expect((await phones()).find((p) => p.id === 'desk-1')?.heldBy).toBe('1004');
  });

  it('*36 logs off the phone’s user: the member is removed and the phone shows no user', async () => {
    const redirect = await stack.dial('1010', '*36');
    expect(redirect.exten).toBe('gw-loggedoff');
    expect(member('helpdesk', 'Local/1010@agent-phones/n')).toBeUndefined();
    expect(stack.sim.deviceState('Custom:phone-1010-user')).toBe('NOT_INUSE');
    expect((await phones()).find((p) => p.id === 'desk-1')?.heldBy).toBeNull();
  });

  it('#EXT style: the dialplan collected the PIN and passes #EXT*PIN on', async () => {
    expect((await stack.dial('1011', '#1005*1234')).exten).toBe('gw-loginok');
    expect(member('sales', 'Local/1011@agent-phones/n')?.memberName).toBe('Agent 1005');
    expect(member('helpdesk', 'Local/1011@agent-phones/n')?.memberName).toBe('Agent 1005');
  });

  it('force-login moves an agent: dialled on another phone, it leaves the first one', async () => {
    expect((await stack.dial('1012', '*35*1005*1234#')).exten).toBe('gw-loginok');
    expect(member('sales', 'Local/1011@agent-phones/n')).toBeUndefined();
    expect(member('sales', 'Local/1012@agent-phones/n')?.memberName).toBe('Agent 1005');
    expect(stack.sim.deviceState('Custom:phone-1011-user')).toBe('NOT_INUSE');
    const held = await phones();
    expect(held.find((p) => p.id === 'desk-2')?.heldBy).toBeNull();
    expect(held.find((p) => p.id === 'desk-3')?.heldBy).toBe('1005');
  });

  it('force-login displaces the agent sitting at the phone', async () => {
    expect((await stack.dial('1012', '*35*1006*1234#')).exten).toBe('gw-loginok');
    expect(member('sales', 'Local/1012@agent-phones/n')?.memberName).toBe('Agent 1006');
    expect(member('helpdesk', 'Local/1012@agent-phones/n')).toBeUndefined();
    const res = await request(stack.http).get('/api/agents/1005').set('authorization', supervisor).expect(200);
    expect(res.body.queues.every((q: { loggedIn: boolean }) => !q.loggedIn)).toBe(true);
    expect(res.body.phoneId).toBeNull();
  });

  it('lets the agent sitting at a shared phone use the login numbers there, ringing that phone', async () => {
    // 1006 sits at desk-3 (SIP/1012) since the test above, logged in to sales.
    expect((await stack.dial('1012', '8120')).exten).toBe('gw-loggedoff');
    expect(member('sales', 'Local/1012@agent-phones/n')).toBeUndefined();
    expect((await stack.dial('1012', '812')).exten).toBe('gw-loginok');
    expect(member('sales', 'Local/1012@agent-phones/n')?.memberName).toBe('Agent 1006');
    // 1006 works sales only: helpdesk's number is refused.
    expect((await stack.dial('1012', '811')).exten).toBe('gw-refused');
    // A shared phone nobody sits at has no caller for login numbers.
    expect((await stack.dial('1011', '811')).exten).toBe('gw-refused');
  });

  it('refuses a force-login from a line that is no shared phone and not the agent’s own', async () => {
    expect((await stack.dial('2001', '*35*1004*1234#')).exten).toBe('gw-refused');
    expect((await stack.dial('1001', '*35*1004*1234#')).exten).toBe('gw-refused');
  });

  it('a wrong PIN is announced as such; an unknown agent number sounds the same', async () => {
    expect((await stack.dial('1010', '*35*1007*9999#')).exten).toBe('gw-invalidpin');
    expect((await stack.dial('1010', '*35*4242*1234#')).exten).toBe('gw-invalidpin');
    expect(member('sales', 'Local/1010@agent-phones/n')).toBeUndefined();
  });

  it('locks the agent out after 3 wrong PINs (the site’s policy), everywhere: phones and the desktop sign-in', async () => {
    // 1007 has one wrong PIN from the test above.
    expect((await stack.dial('1010', '*35*1007*0000#')).exten).toBe('gw-invalidpin');
    expect((await stack.dial('1010', '*35*1007*0001#')).exten).toBe('gw-lockedout');
    // Now even the right PIN is refused, on the phone and at POST /api/auth/login.
    expect((await stack.dial('1010', '*35*1007*1234#')).exten).toBe('gw-lockedout');
    expect(member('sales', 'Local/1010@agent-phones/n')).toBeUndefined();
    const res = await request(stack.http).post('/api/auth/login').send({ login: '1007', password: '1234' }).expect(423);
    expect(res.body.code).toBe('locked_out');
    expect(res.body.message).not.toContain('1234');
  });

  it('counts wrong desktop passwords towards the same lockout', async () => {
    for (const password of ['0000', '0001']) {
      const res = await request(stack.http).post('/api/auth/login').send({ login: '1003', password }).expect(401);
      expect(res.body.code).toBe('unauthorized');
    }
    await request(stack.http).post('/api/auth/login').send({ login: '1003', password: '0002' }).expect(423);
    expect((await stack.dial('1003', '*35*1003*1234#')).exten).toBe('gw-lockedout');
  });

  it('a right PIN resets the count', async () => {
    await request(stack.http).post('/api/auth/login').send({ login: '1002', password: '0000' }).expect(401);
    await request(stack.http).post('/api/auth/login').send({ login: '1002', password: '0001' }).expect(401);
    await stack.signIn('1002', '1234');
    await request(stack.http).post('/api/auth/login').send({ login: '1002', password: '0002' }).expect(401);
    await request(stack.http).post('/api/auth/login').send({ login: '1002', password: '0003' }).expect(401);
    await stack.signIn('1002', '1234');
  });

  it('*35 from the agent’s own line logs it in there', async () => {
    expect((await stack.dial('1001', '*35*1001*1234#')).exten).toBe('gw-loginok');
    expect(member('helpdesk', 'Local/1001@agent-phones/n')?.memberName).toBe('Agent 1001');
    expect((await stack.dial('1001', '*36')).exten).toBe('gw-loggedoff');
    expect(member('helpdesk', 'Local/1001@agent-phones/n')).toBeUndefined();
  });

  it('never records or returns a PIN: not in any event, not in the handler’s result', async () => {
    const handler = stack.app.get(FeatureCodeHandler);
    const result = await handler.handle({
      type: 'FeatureCodeDialed',
      data: { channel: 'SIP/1010-0000ffff', uniqueid: 'pin-probe', linkedid: 'pin-probe', callerIdNum: '1010', callerIdName: '', code: '*35*1001*98765#', caller: '1010' },
      metadata: { schemaVersion: PBX_EVENT_SCHEMA_VERSION, pbxId: 'pbx1', connectionId: 'probe', seq: 1, occurredAt: new Date().toISOString() },
    });
    expect(result.announcement).toBe('invalid-pin');
    expect(JSON.stringify(result)).not.toContain('98765');
    const store = stack.app.get<EventStore>(EVENT_STORE);
    const streams = ['pin-1001', 'seat-1004', 'agent-1004', 'phone-desk-1', 'pin-1007'].map((name) => store.readStream(name));
    const recorded = JSON.stringify((await Promise.all(streams)).flatMap((r) => r.events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }))));
    expect(recorded).toContain('PinRejected');
    for (const pin of ['98765', '1234', '9999', '0000', '0001']) expect(recorded).not.toContain(`"${pin}"`);
    expect(recorded).not.toContain('98765');
  });
});
