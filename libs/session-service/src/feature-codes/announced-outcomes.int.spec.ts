import request from 'supertest';
import { startSessionStack, until, type SessionStack } from '../testing/session-stack';

jest.setTimeout(30_000);

/**
 * Talk time of the customer calls below: the codes dialled during the call must be decided before
 * it ends (a round trip of milliseconds), and the test waits for its end.
 */
const TALK_MS = 3000;

/**
 * What the phone hears besides a status change, over the simulator, the gateway and the session
 * side: a login or logout with nothing to do, and a logout or pause asked for during a queue call,
 * which waits for the call to end and must not sound like the status the agent still has.
 */
describe('announced outcomes: "already …" and deferred until the queue call ends', () => {
  let stack: SessionStack;
  let supervisor: string;

  beforeAll(async () => {
    stack = await startSessionStack();
    supervisor = await stack.signIn('supervisor', 'supervisor');
  });
  afterAll(() => stack.stop());

  const ownLine = (ext: string) => `Local/${ext}@agent-phones/n`;
  const member = (queue: string, ext: string) => stack.sim.members(queue).find((m) => m.interface === ownLine(ext));
  const loggedInQueues = async (agentId: string) => {
    const res = await request(stack.http).get(`/api/agents/${agentId}`).set('authorization', supervisor).expect(200);
    return (res.body.queues as Array<{ queue: string; loggedIn: boolean }>).filter((q) => q.loggedIn).map((q) => q.queue);
  };

  /** A customer's call on the queue, answered on the agent's own line; resolves once they talk. */
  async function queueCall(queue: string, ext: string) {
    const call = await stack.sim.startInboundCall(queue, { callerNumber: '0612345678', ringMs: 10, talkMs: TALK_MS, answer: (rung) => rung === ext });
    await until(async () => (member(queue, ext)?.inCall ? true : undefined), `agent ${ext} talking on ${queue}`);
    return call;
  }

  it('says "already" for a direct login or logout that changes nothing', async () => {
    expect((await stack.dial('1001', '8111')).exten).toBe('gw-loginok');
    expect((await stack.dial('1001', '8111')).exten).toBe('gw-alreadyloggedin');
    expect(stack.sim.members('helpdesk').filter((m) => m.memberName === 'Agent 1001')).toHaveLength(1);
    expect((await stack.dial('1001', '8110')).exten).toBe('gw-loggedoff');
    expect((await stack.dial('1001', '8110')).exten).toBe('gw-alreadyloggedoff');
    expect(member('helpdesk', '1001')).toBeUndefined();
    // *36 on a shared phone nobody sits at: it already shows no user.
    expect((await stack.dial('1011', '*36')).exten).toBe('gw-alreadyloggedoff');
  });

  it('announces a logout dialled during a queue call as deferred, and logs out when the call ends', async () => {
    expect((await stack.dial('1001', '8111')).exten).toBe('gw-loginok');
    const call = await queueCall('helpdesk', '1001');
    expect((await stack.dial('1001', '811')).exten).toBe('gw-logoutdeferred');
    // Still the member taking the call, still logged in.
    expect(member('helpdesk', '1001')).toMatchObject({ memberName: 'Agent 1001', inCall: true });
    expect(await loggedInQueues('1001')).toEqual(['helpdesk']);
    expect(await call.outcome).toMatchObject({ result: 'answered', member: ownLine('1001') });
    await until(async () => (member('helpdesk', '1001') ? undefined : true), 'the deferred logout carried out');
    expect(await loggedInQueues('1001')).toEqual([]);
  });

  it('the remote IVR says so too: a pause and a logout during a queue call are deferred', async () => {
    expect((await stack.dial('2001', '*37*1002*1234*2#')).exten).toBe('gw-loginok');
    expect((await stack.dial('2001', '*37*1002*1234*2#')).exten).toBe('gw-alreadyloggedin');

    const first = await queueCall('sales', '1002');
    expect((await stack.dial('2001', '*37*1002*1234*4#')).exten).toBe('gw-pausedeferred');
    expect(member('sales', '1002')?.paused).toBe(false);
    await first.outcome;
    await until(async () => (member('sales', '1002')?.paused && member('helpdesk', '1002')?.paused ? true : undefined), 'the deferred pause applied');
    expect((await stack.dial('2001', '*37*1002*1234*5#')).exten).toBe('gw-unpaused');

    const second = await queueCall('sales', '1002');
    expect((await stack.dial('2001', '*37*1002*1234*3#')).exten).toBe('gw-logoutdeferred');
    expect(await loggedInQueues('1002')).toEqual(['helpdesk', 'sales']);
    expect(member('helpdesk', '1002')?.memberName).toBe('Agent 1002');
    await second.outcome;
    await until(async () => (member('sales', '1002') || member('helpdesk', '1002') ? undefined : true), 'the deferred logout carried out');
    expect(await loggedInQueues('1002')).toEqual([]);
    expect((await stack.dial('2001', '*37*1002*1234*3#')).exten).toBe('gw-alreadyloggedoff');
  });
});
