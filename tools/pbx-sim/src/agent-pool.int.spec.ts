// app_agent_pool over TCP: AgentLogin() from a phone, the Agent:<id> device state driving the pool
// member's status, calls reaching the agent only while it sits in AgentLogin(), and AgentLogoff
// (hang-up, AMI AgentLogoff, AMI Hangup). No capture has these events (app_agent_pool was not
// built on the lab PBX): AgentLogin/AgentLogoff must carry exactly the fields of the Asterisk 20
// AMI event docs (channel snapshot, Agent, and Logintime for AgentLogoff), and the AgentLogoff
// action answer what apps/app_agent_pool.c answers.

import type { AmiMessage } from '@switchboard/ami';
import { PbxSimulator } from './simulator';
import { AmiTestClient, headerNames } from './testing/ami-test-client';
import { CHANNEL_SNAPSHOT_HEADERS } from './testing/snapshot-headers';

const SNAPSHOT = CHANNEL_SNAPSHOT_HEADERS;
const POOL_1001 = 'Local/1001@agent-pool/n';

describe('app_agent_pool (over TCP)', () => {
  let sim: PbxSimulator;
  let client: AmiTestClient;

  beforeEach(async () => {
    sim = new PbxSimulator({
      seed: 11,
      agents: ['1001', '1002'],
      queues: [{ name: 'helpdesk', strategy: 'ringall' }],
      timing: { ringMs: 40, talkMs: 150, playbackMs: 20, agentProbationMs: 60, retryMs: 40, recheckMs: 5, patienceMs: 2_000 },
    });
    const { port } = await sim.start();
    client = await AmiTestClient.login(port);
  });

  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  const addPoolMember = async (agentId: string): Promise<AmiMessage> => {
    const from = client.mark();
    await client.action('QueueAdd', [
      ['Queue', 'helpdesk'],
      ['Interface', `Local/${agentId}@agent-pool/n`],
      ['MemberName', `Agent ${agentId}`],
      ['StateInterface', `Agent:${agentId}`],
      ['Paused', 'false'],
    ]);
    return client.waitForEvent('QueueMemberAdded', { MemberName: `Agent ${agentId}` }, { from });
  };

  it('AgentLogin from a phone: the documented fields, then the member turns available after the probation', async () => {
    const added = await addPoolMember('1001');
    // Defined in agents.conf but logged out: Agent:1001 is UNAVAILABLE, the member Status 5.
    expect(added.get('Status')).toBe('5');

    const from = client.mark();
    const { channel } = await sim.dialFeatureCode('1002', '*38');
    expect(channel).toMatch(/^SIP\/1002-[0-9a-f]{8}$/);
    // *38 runs AgentLogin(<the line's extension>): agent 1002, whose agents.conf entry exists.
    const login = await client.waitForEvent('AgentLogin', {}, { from });
    expect(headerNames(login)).toEqual(['Event', 'Privilege', ...SNAPSHOT, 'Agent']);
    expect(login.toRecord()).toMatchObject({ Privilege: 'agent,all', Channel: channel, Agent: '1002', Context: 'from-agents', Exten: '*38' });

    const seatedFrom = client.mark();
    await sim.agentLogin('1003', '1001');
    await client.waitForEvent('AgentLogin', { Agent: '1001' }, { from: seatedFrom });
    const ready = await client.waitForEvent('QueueMemberStatus', { Interface: POOL_1001 }, { from: seatedFrom });
    expect(ready.get('Status')).toBe('1');
    const device = await client.waitForEvent('DeviceStateChange', { Device: 'Agent:1001' }, { from: seatedFrom });
    expect(device.get('State')).toBe('NOT_INUSE');
    expect(sim.agentPool()).toEqual([
      { agentId: '1002', channel, state: 'ready' },
      { agentId: '1001', channel: expect.stringMatching(/^SIP\/1003-/), state: 'ready' },
    ]);
  });

  it('refuses an agent agents.conf does not know, and a second login, with AGENT_STATUS', async () => {
    const from = client.mark();
    await sim.agentLogin('1003', '1003');
    const status = await client.waitForEvent('VarSet', { Variable: 'AGENT_STATUS' }, { from });
    expect(status.get('Value')).toBe('INVALID');
    await sim.agentLogin('1001', '1001');
    await client.waitForEvent('AgentLogin', { Agent: '1001' }, { from });
    const again = client.mark();
    await sim.agentLogin('1002', '1001');
    expect((await client.waitForEvent('VarSet', { Variable: 'AGENT_STATUS' }, { from: again })).get('Value')).toBe('ALREADY_LOGGED_IN');
    expect(client.events(from, 'AgentLogin')).toHaveLength(1);
  });

  it('the queue rings the pool member only while the agent sits in AgentLogin(), on the phone it sits at', async () => {
    await addPoolMember('1001');
    const waiting = await sim.startInboundCall('helpdesk', { callerNumber: '0611111111', abandonAfterMs: 300 });
    expect(await waiting.outcome).toMatchObject({ result: 'abandoned' });
    expect(client.events(0, 'AgentCalled')).toHaveLength(0);

    const from = client.mark();
    const { channel } = await sim.agentLogin('1003', '1001');
    await client.waitForEvent('QueueMemberStatus', { Interface: POOL_1001, Status: '1' }, { from });
    const call = await sim.startInboundCall('helpdesk', { callerNumber: '0622222222' });
    expect(await call.outcome).toMatchObject({ result: 'answered', member: POOL_1001, reason: 'agent' });
    const connect = await client.waitForEvent('AgentConnect', {}, { from });
    expect(connect.toRecord()).toMatchObject({ Interface: POOL_1001, MemberName: 'Agent 1001', DestChannel: expect.stringMatching(/^Local\/1001@agent-pool-[0-9a-f]{8};1$/) });
    // The call ends: Agent:1001 ready again once the agent is back in the holding bridge.
    await client.waitForEvent('AgentComplete', {}, { from });
    await client.waitForEvent('QueueMemberStatus', { Interface: POOL_1001, Status: '1' }, { from: client.messages.indexOf(connect) });
    // The agent's AgentLogin channel is bridged with the AgentRequest half, then waits again.
    const entered = client.events(from, 'BridgeEnter').filter((m) => m.get('Channel') === channel);
    expect(entered.map((m) => m.get('BridgeType'))).toEqual(['agent_hold', 'basic', 'agent_hold']);
    expect(sim.agentPool()).toEqual([{ agentId: '1001', channel, state: 'ready' }]);
    expect(client.events(from, 'Hangup').some((m) => m.get('Channel') === channel)).toBe(false);
  });

  it('AgentLogoff when the agent hangs up: Agent:<id> UNAVAILABLE first, then the Logintime', async () => {
    await addPoolMember('1001');
    const { channel } = await sim.agentLogin('1001', '1001');
    await client.waitForEvent('QueueMemberStatus', { Interface: POOL_1001, Status: '1' });
    const from = client.mark();
    expect(sim.endAgentLogin('1001')).toBe(true);
    const logoff = await client.waitForEvent('AgentLogoff', {}, { from });
    expect(headerNames(logoff)).toEqual(['Event', 'Privilege', ...SNAPSHOT, 'Agent', 'Logintime']);
    expect(logoff.toRecord()).toMatchObject({ Channel: channel, Agent: '1001', Logintime: '0' });
    const names = client.events(from).map((m) => m.get('Event'));
    expect(names.indexOf('QueueMemberStatus')).toBeLessThan(names.indexOf('AgentLogoff'));
    expect(names.indexOf('AgentLogoff')).toBeLessThan(names.lastIndexOf('Hangup'));
    expect(sim.agentPool()).toEqual([]);
  });

  it('AMI AgentLogoff hangs the AgentLogin() call up, and a call the agent is on with it', async () => {
    await addPoolMember('1001');
    const { channel } = await sim.agentLogin('1002', '1001');
    await client.waitForEvent('QueueMemberStatus', { Interface: POOL_1001, Status: '1' });
    const call = await sim.startInboundCall('helpdesk', { callerNumber: '0633333333', talkMs: 60_000 });
    await client.waitForEvent('AgentConnect', { Interface: POOL_1001 });

    const from = client.mark();
    const reply = await client.action('AgentLogoff', [['Agent', '1001']]);
    expect(reply.toRecord()).toMatchObject({ Response: 'Success', Message: 'Agent logged out' });
    expect(await call.outcome).toMatchObject({ result: 'answered', reason: 'agent' });
    await client.waitForEvent('AgentLogoff', { Agent: '1001', Channel: channel }, { from });
    await client.waitForEvent('Hangup', { Channel: channel }, { from });

    // Any agent of agents.conf is "logged out", seated or not; others are no agent at all.
    expect((await client.action('AgentLogoff', [['Agent', '1002']])).get('Message')).toBe('Agent logged out');
    expect((await client.action('AgentLogoff', [['Agent', '4711']])).toRecord()).toMatchObject({ Response: 'Error', Message: 'No such agent' });
    expect((await client.action('AgentLogoff')).toRecord()).toMatchObject({ Response: 'Error', Message: 'No agent specified' });
  });
});
