import { parseDirectory } from '@switchboard/agent-domain';
import { agentOfMember } from './member-owner';

const directory = parseDirectory({
  pbxId: 'pbx1',
  queues: [{ name: 'helpdesk' }],
  agents: [
    { id: '1001', name: 'Agent One', line: 'SIP/1001', queues: ['helpdesk'] },
    { id: '1002', name: 'Agent Two', line: 'SIP/1002', queues: ['helpdesk'], memberInterface: 'Local/1002@desk/n' },
    { id: '1004', name: 'Agent Four', line: 'SIP/1004', queues: ['helpdesk'], membership: 'agent-pool' },
  ],
});

describe('agentOfMember', () => {
  it('knows the agent by member name first (it survives a move to another phone)', () => {
    expect(agentOfMember(directory, { interface: 'Local/7@elsewhere/n', memberName: 'Agent 1001' })).toBe('1001');
  });

  it('else by the interface the directory gives the agent', () => {
    expect(agentOfMember(directory, { interface: 'Local/1001@agent-phones/n', memberName: 'SIP/1001' })).toBe('1001');
    expect(agentOfMember(directory, { interface: 'Local/1002@desk/n', memberName: '' })).toBe('1002');
  });

  it('knows an agent-pool agent by its pool member (Local/<id>@agent-pool/n, state Agent:<id>)', () => {
    expect(agentOfMember(directory, { interface: 'Local/1004@agent-pool/n', memberName: 'Local/1004@agent-pool/n' })).toBe('1004');
  });

  it('knows the agent of a chan_agent member Agent/<id> (dead on Asterisk 20, so removed as its stale binding)', () => {
    expect(agentOfMember(directory, { interface: 'Agent/1004', memberName: 'Agent/1004' })).toBe('1004');
    expect(agentOfMember(directory, { interface: 'Agent/1001', memberName: '' })).toBe('1001');
    expect(agentOfMember(directory, { interface: 'Agent/9999', memberName: 'Agent/9999' })).toBeUndefined();
  });

  it('knows no agent for other members, nor for names of agents not in the directory', () => {
    expect(agentOfMember(directory, { interface: 'SIP/2001', memberName: 'Reception' })).toBeUndefined();
    expect(agentOfMember(directory, { interface: 'Local/9@x/n', memberName: 'Agent 9999' })).toBeUndefined();
  });
});
