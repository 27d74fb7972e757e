// The AMI Agents action over TCP: the list app_agent_pool answers (apps/app_agent_pool.c
// action_agents), one Agents item per agent of agents.conf in id order with the fields of the
// Asterisk 20 AMI event docs (no capture has them), then AgentsComplete; and the outage control the
// gateway's resync is tested with (connections cut and refused, the PBX going on meanwhile).

import { createConnection } from 'node:net';
import { PbxSimulator } from './simulator';
import { AmiTestClient, headerNames } from './testing/ami-test-client';
import { CHANNEL_SNAPSHOT_HEADERS } from './testing/snapshot-headers';

const SNAPSHOT = CHANNEL_SNAPSHOT_HEADERS;

describe('the Agents action (over TCP)', () => {
  let sim: PbxSimulator;
  let client: AmiTestClient;

  async function start(agents?: string[]): Promise<void> {
    sim = new PbxSimulator({
      seed: 5,
      ...(agents ? { agents } : {}),
      queues: [{ name: 'helpdesk', strategy: 'ringall' }],
      timing: { ringMs: 40, talkMs: 2_000, playbackMs: 20, agentProbationMs: 30, retryMs: 40, recheckMs: 5, patienceMs: 5_000 },
    });
    const { port } = await sim.start();
    client = await AmiTestClient.login(port);
  }

  afterEach(async () => {
    await client?.close();
    await sim?.stop();
  });

  it('lists every agent of agents.conf in id order: logged off, idle with its AgentLogin() channel', async () => {
    await start(['1002', '1001', '1003']);
    const from = client.mark();
    const { channel } = await sim.agentLogin('1003', '1002');
    await client.waitForEvent('AgentLogin', { Agent: '1002' }, { from });

    const { response, items, complete } = await client.list('Agents');
    expect(response.toRecord()).toMatchObject({ Response: 'Success', EventList: 'start', Message: 'Agents will follow' });
    expect(items.map((i) => [i.get('Agent'), i.get('Status')])).toEqual([
      ['1001', 'AGENT_LOGGEDOFF'],
      ['1002', 'AGENT_IDLE'],
      ['1003', 'AGENT_LOGGEDOFF'],
    ]);
    expect(headerNames(items[0]!)).toEqual(['Event', 'Agent', 'Name', 'Status', 'ActionID']);
    const idle = items[1];
    expect(headerNames(idle!)).toEqual(['Event', 'Agent', 'Name', 'Status', 'LoggedInTime', ...SNAPSHOT, 'ActionID']);
    expect(idle?.toRecord()).toMatchObject({ Channel: channel, Context: 'from-agents', Exten: '*38' });
    expect(Math.abs(Number(idle?.get('LoggedInTime')) - Date.now() / 1000)).toBeLessThan(60);
    expect(complete.toRecord()).toMatchObject({ Event: 'AgentsComplete', EventList: 'Complete', ListItems: '3' });
  });

  it('an agent on a pool call is AGENT_ONCALL, with the channel it talks to and when the call started', async () => {
    await start(['1001']);
    await client.action('QueueAdd', [
      ['Queue', 'helpdesk'],
      ['Interface', 'Local/1001@agent-pool/n'],
      ['MemberName', 'Agent 1001'],
      ['StateInterface', 'Agent:1001'],
    ]);
    const from = client.mark();
    await sim.agentLogin('1003', '1001');
    await client.waitForEvent('QueueMemberStatus', { Interface: 'Local/1001@agent-pool/n', Status: '1' }, { from });
    await sim.startInboundCall('helpdesk', { callerNumber: '0612345678' });
    await client.waitForEvent('AgentConnect', {}, { from });

    const { items } = await client.list('Agents');
    expect(headerNames(items[0]!)).toEqual(['Event', 'Agent', 'Name', 'Status', 'TalkingToChan', 'CallStarted', 'LoggedInTime', ...SNAPSHOT, 'ActionID']);
    expect(items[0]?.toRecord()).toMatchObject({ Status: 'AGENT_ONCALL', TalkingToChan: expect.stringMatching(/^Local\/1001@agent-pool-[0-9a-f]{8};2$/) });
    expect(Number(items[0]?.get('CallStarted'))).toBeGreaterThanOrEqual(Number(items[0]?.get('LoggedInTime')));
  });

  it('without a configured agents.conf, lists the agents that sat down, logged off once they left', async () => {
    await start();
    expect((await client.list('Agents')).items).toEqual([]);
    const from = client.mark();
    await sim.agentLogin('1002');
    await client.waitForEvent('AgentLogin', { Agent: '1002' }, { from });
    sim.endAgentLogin('1002');
    await client.waitForEvent('AgentLogoff', { Agent: '1002' }, { from });
    const { items, complete } = await client.list('Agents');
    expect(items.map((i) => [i.get('Agent'), i.get('Status')])).toEqual([['1002', 'AGENT_LOGGEDOFF']]);
    expect(complete.get('ListItems')).toBe('1');
  });

  it('a network cut drops the clients and refuses new ones while the PBX goes on; restored, they connect', async () => {
    await start(['1001']);
    await sim.agentLogin('1001');
    sim.cutNetwork();
    await client.closed;
    expect(sim.endAgentLogin('1001')).toBe(true);
    expect(sim.agentPool()).toEqual([]);
    const refused = await new Promise<string>((resolve) => {
      const socket = createConnection(sim.port, '127.0.0.1');
      socket.on('data', () => resolve('greeted'));
      socket.on('close', () => resolve('closed'));
      socket.on('error', () => resolve('closed'));
    });
    expect(refused).toBe('closed');
    sim.restoreNetwork();
    client = await AmiTestClient.login(sim.port);
    const { items } = await client.list('Agents');
    expect(items.map((i) => i.get('Status'))).toEqual(['AGENT_LOGGEDOFF']);
  });
});
