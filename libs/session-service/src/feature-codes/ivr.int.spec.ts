import request from 'supertest';
import { startSessionStack, type SessionStack } from '../testing/session-stack';

/**
 * The remote IVR ([switchboard-ivr] in infra/asterisk): from any number, the agent keys in its
 * number, PIN and a choice; the dialplan raises them as one code and waits for the Redirect.
 * Here the reception phone 2001, which is no agent's line, plays the caller.
 */
describe('remote IVR: agent number + PIN from any phone', () => {
  let stack: SessionStack;
  let supervisor: string;
  const MOBILE = 'Local/0612345678@agent-mobile/n';

  beforeAll(async () => {
    stack = await startSessionStack();
    supervisor = await stack.signIn('supervisor', 'supervisor');
  });
  afterAll(() => stack.stop());

  const member = (queue: string, iface: string) => stack.sim.members(queue).find((m) => m.interface === iface);

  it('logs the agent in with calls to the number it calls from (choice 1)', async () => {
    expect((await stack.dial('2001', '*37*1002*1234*1*0612345678#')).exten).toBe('gw-loginok');
    for (const queue of ['helpdesk', 'sales']) expect(member(queue, MOBILE)).toMatchObject({ memberName: 'Agent 1002', paused: false });
    const agent = await request(stack.http).get('/api/agents/1002').set('authorization', supervisor).expect(200);
    expect(agent.body.queues.every((q: { loggedIn: boolean }) => q.loggedIn)).toBe(true);
  });

  it('pauses (choice 4) and unpauses (choice 5)', async () => {
    expect((await stack.dial('2001', '*37*1002*1234*4#')).exten).toBe('gw-paused');
    expect(member('helpdesk', MOBILE)).toMatchObject({ paused: true, pausedReason: 'IVR' });
    expect((await stack.dial('2001', '*37*1002*1234*5#')).exten).toBe('gw-unpaused');
    expect(member('helpdesk', MOBILE)?.paused).toBe(false);
  });

  it('moves the agent to its own line (choice 2): the mobile member goes', async () => {
    expect((await stack.dial('2001', '*37*1002*1234*2#')).exten).toBe('gw-loginok');
    expect(member('sales', MOBILE)).toBeUndefined();
    expect(member('sales', 'Local/1002@agent-phones/n')?.memberName).toBe('Agent 1002');
  });

  it('logs out (choice 3), and says it can not pause an agent logged in nowhere', async () => {
    expect((await stack.dial('2001', '*37*1002*1234*3#')).exten).toBe('gw-loggedoff');
    expect(member('sales', 'Local/1002@agent-phones/n')).toBeUndefined();
    expect((await stack.dial('2001', '*37*1002*1234*4#')).exten).toBe('gw-refused');
  });

  it('refuses a wrong PIN, and an own-line login for a hot-desk agent without a line', async () => {
    expect((await stack.dial('2001', '*37*1002*9999*3#')).exten).toBe('gw-invalidpin');
    expect((await stack.dial('2001', '*37*1004*1234*2#')).exten).toBe('gw-refused');
    expect(stack.sim.members('helpdesk').filter((m) => m.memberName === 'Agent 1004')).toEqual([]);
  });
});
