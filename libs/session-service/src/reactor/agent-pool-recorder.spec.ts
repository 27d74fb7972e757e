import { parseDirectory } from '@switchboard/agent-domain';
import { PBX_EVENT_SCHEMA_VERSION, type AgentPoolLogin, type AgentPoolLogoff } from '@switchboard/contracts';
import { agentPoolCommandOf } from './agent-pool-recorder';

const directory = parseDirectory({
  queues: [{ name: 'helpdesk' }],
  agents: [{ id: '1004', name: 'Agent Four', line: 'SIP/1004', queues: ['helpdesk'], membership: 'agent-pool' }],
});
const metadata = { schemaVersion: PBX_EVENT_SCHEMA_VERSION, pbxId: 'pbx1', connectionId: 'c7', seq: 42, occurredAt: '2026-11-23T09:00:00.000Z' };
const seat = { channel: 'SIP/1003-00000009', uniqueid: '1.9', linkedid: '1.9', callerIdNum: '1003', callerIdName: 'Agent Three', agentId: '1004', device: 'SIP/1003' };

describe('agentPoolCommandOf', () => {
  it('records AgentLogin as the agent’s seat, the PBX event position as the command id', () => {
    const login: AgentPoolLogin = { type: 'AgentLogin', data: seat, metadata };
    expect(agentPoolCommandOf(directory, login)).toEqual({
      type: 'RecordAgentPoolLogin',
      commandId: 'pbx-pbx1-c7-42',
      agentId: '1004',
      at: metadata.occurredAt,
      via: 'system',
      pbxId: 'pbx1',
      channel: 'SIP/1003-00000009',
      device: 'SIP/1003',
    });
  });

  it('records AgentLogoff with its Logintime', () => {
    const logoff: AgentPoolLogoff = { type: 'AgentLogoff', data: { ...seat, logintimeSeconds: 61 }, metadata };
    expect(agentPoolCommandOf(directory, logoff)).toMatchObject({ type: 'RecordAgentPoolLogoff', channel: 'SIP/1003-00000009', logintimeSeconds: 61 });
  });

  it('ignores agents of agents.conf the directory does not know', () => {
    expect(agentPoolCommandOf(directory, { type: 'AgentLogin', data: { ...seat, agentId: '7' }, metadata })).toBeUndefined();
  });
});
