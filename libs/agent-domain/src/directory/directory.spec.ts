import { agentByLine } from './lines';
import { memberBindingFor, type AgentWithLine } from './member-binding';
import { parseDirectory } from './parse-directory';
import { DirectoryError } from './directory-error';
import { defaultSite } from '../testing/default-site';

const HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

describe('parseDirectory on the default site', () => {
  const directory = parseDirectory(defaultSite);

  it('keeps agents, queues and numbers as given', () => {
    expect(directory).toEqual(defaultSite);
  });

  it('finds the agent of a line by device, or by the bare extension the UserEvent’s Caller carries', () => {
    expect(agentByLine(directory, 'SIP/1002')?.id).toBe('1002');
    expect(agentByLine(directory, '1003')?.id).toBe('1003');
    expect(agentByLine(directory, ' 1001 ')?.id).toBe('1001');
  });

  it('finds no agent for reception’s line SIP/2001, nor for nothing', () => {
    expect(agentByLine(directory, 'SIP/2001')).toBeUndefined();
    expect(agentByLine(directory, '2001')).toBeUndefined();
    expect(agentByLine(directory, '')).toBeUndefined();
    // A device of another technology with the same number is another line.
    expect(agentByLine(directory, 'IAX2/1001')).toBeUndefined();
  });

  it('binds an agent as the captures show: a Local member ringing the SIP line, named Agent <id>', () => {
    expect(memberBindingFor(directory.agents[0] as AgentWithLine)).toEqual({
      interface: 'Local/1001@agent-phones/n',
      stateInterface: 'SIP/1001',
      memberName: 'Agent 1001',
    });
  });

  it('uses a configured member interface instead of the default', () => {
    const custom = parseDirectory({
      ...defaultSite,
      agents: [{ ...defaultSite.agents[0], memberInterface: 'Local/1001@hotdesk/n' }],
    });
    expect(memberBindingFor(custom.agents[0] as AgentWithLine).interface).toBe('Local/1001@hotdesk/n');
  });
});

describe('parseDirectory, what it accepts besides', () => {
  it('takes unquoted YAML numbers for ids and login numbers', () => {
    const d = parseDirectory({
      ...defaultSite,
      globalLoginNumber: 900,
      agents: [{ ...defaultSite.agents[0], id: 1001 }],
    });
    expect(d.globalLoginNumber).toBe('900');
    expect(d.agents[0].id).toBe('1001');
  });

  it('defaults pbxId, and agent queues to none', () => {
    const d = parseDirectory({
      queues: defaultSite.queues,
      agents: [{ id: '1001', name: 'Agent One', line: 'SIP/1001' }],
    });
    expect(d.pbxId).toBe('pbx1');
    expect(d.agents[0].queues).toEqual([]);
  });

  it('keeps lines that are no agent’s, hashed secrets and users', () => {
    const d = parseDirectory({
      ...defaultSite,
      agents: [{ ...defaultSite.agents[0], pinHash: HASH, passwordHash: HASH }],
      lines: [{ line: 'SIP/2001', name: 'Reception' }],
      users: [{ login: 'sup', role: 'supervisor', passwordHash: HASH }],
      demoCredentials: true,
    });
    expect(d.lines).toEqual([{ line: 'SIP/2001', name: 'Reception' }]);
    expect(d.agents[0]).toMatchObject({ pinHash: HASH, passwordHash: HASH });
    expect(d.users).toEqual([{ login: 'sup', role: 'supervisor', passwordHash: HASH }]);
    expect(d.demoCredentials).toBe(true);
    expect(agentByLine(d, '2001')).toBeUndefined();
  });
});

describe('parseDirectory refuses, naming the path', () => {
  const agent = defaultSite.agents;
  it.each<[string, unknown, string]>([
    ['not a mapping', 'not a mapping', '(root): must be a mapping'],
    ['no agents', { ...defaultSite, agents: undefined }, 'agents: must be a list'],
    [
      'an agent that is no mapping',
      { ...defaultSite, agents: [agent[0], 'x'] },
      'agents[1]: must be a mapping',
    ],
    [
      'a missing line',
      { ...defaultSite, agents: [agent[0], agent[1], { ...agent[2], line: undefined }] },
      'agents[2].line: required',
    ],
    [
      'a line that is no device',
      { ...defaultSite, agents: [{ ...agent[0], line: '1001' }] },
      'agents[0].line: invalid value "1001"',
    ],
    [
      'a misspelt field',
      { ...defaultSite, queues: [{ name: 'helpdesk', loginNumer: '811' }] },
      'queues[0].loginNumer: unknown field',
    ],
    ['an unknown root field', { ...defaultSite, agnets: [] }, 'agnets: unknown field'],
    [
      'a duplicate agent id',
      { ...defaultSite, agents: [agent[0], { ...agent[1], id: '1001' }] },
      'agents[1].id: duplicate agent id 1001 (also agents[0].id)',
    ],
    [
      'a line of two agents',
      { ...defaultSite, agents: [agent[0], { ...agent[1], line: 'SIP/1001' }] },
      'agents[1].line: duplicate line SIP/1001',
    ],
    [
      'an agent line also listed as a line',
      { ...defaultSite, lines: [{ line: 'SIP/1002' }] },
      'lines[0].line: duplicate line SIP/1002 (also agents[1].line)',
    ],
    [
      'one extension on two lines',
      { ...defaultSite, lines: [{ line: 'IAX2/1001' }] },
      'lines[0].line: duplicate extension 1001',
    ],
    [
      'one member interface for two agents',
      {
        ...defaultSite,
        agents: [agent[0], { ...agent[1], memberInterface: 'Local/1001@agent-phones/n' }],
      },
      'agents[1].memberInterface: duplicate member interface',
    ],
    [
      'an undeclared agent queue',
      { ...defaultSite, agents: [{ ...agent[0], queues: ['support'] }] },
      'agents[0].queues[0]: queue support is not declared',
    ],
    [
      'an agent queue twice',
      { ...defaultSite, agents: [{ ...agent[0], queues: ['helpdesk', 'helpdesk'] }] },
      'agents[0].queues[1]: duplicate queue helpdesk',
    ],
    [
      'a duplicate queue',
      { ...defaultSite, queues: [{ name: 'helpdesk' }, { name: 'helpdesk' }] },
      'queues[1].name: duplicate queue helpdesk',
    ],
    [
      'a login number that is not digits',
      { ...defaultSite, queues: [{ name: 'helpdesk', loginNumber: '81a' }, { name: 'sales' }] },
      'queues[0].loginNumber: invalid value "81a"',
    ],
    [
      'a global number that is not digits',
      { ...defaultSite, globalLoginNumber: '*90' },
      'globalLoginNumber: invalid value "*90"',
    ],
    [
      'the same login number twice',
      {
        ...defaultSite,
        queues: [
          { name: 'helpdesk', loginNumber: '811' },
          { name: 'sales', loginNumber: '811' },
        ],
      },
      'queues[1].loginNumber: login number 811 collides with queues[0].loginNumber',
    ],
    [
      'N+1 of one number equal to another',
      { ...defaultSite, globalLoginNumber: '81' },
      'queues[0].loginNumber: login number 811 collides with globalLoginNumber (both claim 811)',
    ],
    [
      'N+0 of one number equal to another',
      {
        ...defaultSite,
        queues: [
          { name: 'helpdesk', loginNumber: '811' },
          { name: 'sales', loginNumber: '8110' },
        ],
      },
      'queues[1].loginNumber: login number 8110 collides with queues[0].loginNumber (both claim 8110)',
    ],
    [
      'a PIN in the clear',
      { ...defaultSite, agents: [{ ...agent[0], pin: '1234' }] },
      'agents[0].pin: store the PIN hashed as pinHash (npm run hash-secret)',
    ],
    [
      'a pinHash that is no hash',
      { ...defaultSite, agents: [{ ...agent[0], pinHash: '1234' }] },
      'agents[0].pinHash: must be a hash from npm run hash-secret (scrypt$…)',
    ],
    [
      'a user without a password',
      { ...defaultSite, users: [{ login: 'sup', role: 'supervisor' }] },
      'users[0].passwordHash: required',
    ],
    [
      'a user with an unknown role',
      { ...defaultSite, users: [{ login: 'sup', role: 'root', passwordHash: HASH }] },
      'users[0].role: must be supervisor or admin',
    ],
    [
      'a user login that is an agent number',
      { ...defaultSite, users: [{ login: agent[0].id, role: 'admin', passwordHash: HASH }] },
      `users[0].login: duplicate login ${agent[0].id} (also agents[0].id)`,
    ],
  ])('%s', (_what, raw, message) => {
    let thrown: unknown;
    try {
      parseDirectory(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DirectoryError);
    expect((thrown as Error).message.startsWith(message)).toBe(true);
  });
});
