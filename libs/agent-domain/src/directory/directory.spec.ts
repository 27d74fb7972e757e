import { agentByLine, memberBindingFor } from './directory';
import { parseDirectory } from './parse-directory';
import { interpretFeatureCode } from '../feature-codes/interpret-feature-code';

const demoSite = {
  pbxId: 'pbx1',
  globalLoginNumber: '900',
  queues: [
    { name: 'helpdesk', loginNumber: '811' },
    { name: 'sales', loginNumber: '812' },
  ],
  agents: [
    { id: '1001', name: 'Agent One', line: 'SIP/1001', queues: ['helpdesk'] },
    { id: '1002', name: 'Agent Two', line: 'SIP/1002', queues: ['helpdesk', 'sales'] },
    { id: '1003', name: 'Agent Three', line: 'SIP/1003', queues: ['helpdesk', 'sales'] },
  ],
};

describe('directory', () => {
  const directory = parseDirectory(demoSite);

  it('finds the agent of a line, by device or by bare extension; 2001 is no agent’s', () => {
    expect(agentByLine(directory, 'SIP/1002')?.id).toBe('1002');
    expect(agentByLine(directory, '1003')?.id).toBe('1003');
    expect(agentByLine(directory, 'SIP/2001')).toBeUndefined();
    expect(agentByLine(directory, '2001')).toBeUndefined();
    expect(agentByLine(directory, '')).toBeUndefined();
  });

  it('binds an agent as the captures show: Local member ringing the SIP line', () => {
    expect(memberBindingFor(directory.agents[0])).toEqual({
      interface: 'Local/1001@agent-phones/n',
      stateInterface: 'SIP/1001',
      memberName: 'Agent 1001',
    });
  });

  it.each([
    [{ ...demoSite, agents: [{ ...demoSite.agents[0], line: undefined }] }, /agents\[0\]\.line: required/],
    [{ ...demoSite, agents: [demoSite.agents[0], demoSite.agents[0]] }, /duplicate agent id/],
    [{ ...demoSite, agents: [demoSite.agents[0], { ...demoSite.agents[1], line: 'SIP/1001' }] }, /already belongs/],
    [{ ...demoSite, agents: [{ ...demoSite.agents[0], queues: ['support'] }] }, /queue support is not declared/],
    [{ ...demoSite, queues: [{ name: 'helpdesk', loginNumber: '81a' }] }, /loginNumber: invalid/],
    [{ ...demoSite, globalLoginNumber: '81', queues: [{ name: 'helpdesk', loginNumber: '811' }, { name: 'sales' }] }, /collides/],
    [{ ...demoSite, queues: [{ name: 'a', loginNumber: '811' }, { name: 'a', loginNumber: '812' }] }, /duplicate queue/],
    ['not a mapping', /must be a mapping/],
  ])('refuses an unusable directory (%#)', (raw, message) => {
    expect(() => parseDirectory(raw)).toThrow(message);
  });
});

describe('interpretFeatureCode', () => {
  const directory = parseDirectory(demoSite);

  it.each([
    ['811', { kind: 'queue-login', mode: 'toggle', queues: ['helpdesk'] }],
    ['8111', { kind: 'queue-login', mode: 'login', queues: ['helpdesk'] }],
    ['8110', { kind: 'queue-login', mode: 'logout', queues: ['helpdesk'] }],
    ['8121', { kind: 'queue-login', mode: 'login', queues: ['sales'] }],
    ['900', { kind: 'queue-login', mode: 'toggle', queues: 'all-of-agent' }],
    ['9001', { kind: 'queue-login', mode: 'login', queues: 'all-of-agent' }],
    ['9000', { kind: 'queue-login', mode: 'logout', queues: 'all-of-agent' }],
    ['813', { kind: 'unknown' }],
    ['81', { kind: 'unknown' }],
    ['*35*1001*1234#', { kind: 'unknown' }],
  ])('%s → %j', (code, intent) => {
    expect(interpretFeatureCode(directory, code)).toEqual(intent);
  });
});
