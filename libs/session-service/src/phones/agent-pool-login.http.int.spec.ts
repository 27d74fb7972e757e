import request from 'supertest';
import { PHONES_SITE, startSessionStack, type SessionStack } from '../testing/session-stack';

/*
 * An app_agent_pool agent's calls reach it where it sits in AgentLogin(): the desktop asking to
 * ring it on a mobile, a shared phone or the browser is refused with a reason that says so, and
 * nothing reaches the PBX.
 */
const POOL_SITE = PHONES_SITE.replace(
  'phones:\n',
  '  - { id: "1008", name: Agent Eight, line: SIP/1008, queues: [helpdesk], membership: agent-pool, pinHash: "$PIN" }\nphones:\n',
).replace('$PIN', /pinHash: "([^"]+)"/.exec(PHONES_SITE)?.[1] ?? '');

describe('desktop login of an agent-pool agent', () => {
  let stack: SessionStack;

  beforeAll(async () => {
    stack = await startSessionStack(POOL_SITE);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it.each([
    [{ interface: 'mobile', mobileNumber: '+15551234567' }, 'mobile'],
    [{ interface: 'phone', phoneId: 'desk-1' }, 'phone'],
    [{ interface: 'internal' }, 'internal'],
  ])('refuses %j, naming the AgentLogin seat', async (body, kind) => {
    const token = await stack.signIn('1008', '1234');
    const res = await request(stack.http).post('/api/agents/1008/login').set('Authorization', token).send(body).expect(400);
    expect(res.body).toEqual({ code: 'invalid_input', message: `agent 1008 is an agent-pool agent: calls reach it where it sits in AgentLogin (*38), not on a ${kind}` });
    expect(stack.sim.members('helpdesk')).toEqual([]);
  });
});
