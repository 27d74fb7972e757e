import request from 'supertest';
import { startSessionStack, type SessionStack } from '../testing/session-stack';
import { CREDENTIALS, adminSiteYaml } from './testing/admin-site';

/**
 * Replacing the whole directory (PUT /api/admin/directory): YAML import, a JSON round trip of
 * what GET shows, and If-Match against a lost update.
 */
describe('HTTP: importing the directory', () => {
  let stack: SessionStack;
  let admin: string;

  beforeAll(async () => {
    stack = await startSessionStack(await adminSiteYaml());
    admin = await stack.signIn('admin', CREDENTIALS.admin);
  });
  afterAll(() => stack.stop());

  const read = async () => (await request(stack.http).get('/api/admin/directory').set('authorization', admin).expect(200)).body;
  const putYaml = (yaml: string, ifMatch?: string) => {
    const req = request(stack.http).put('/api/admin/directory').set('authorization', admin).set('content-type', 'application/yaml');
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(yaml);
  };
  const signIn = (login: string, password: string) => request(stack.http).post('/api/auth/login').send({ login, password });

  /** The site as an operator would write it: no hashes (agents and users keep theirs), a new agent with a PIN. */
  const SITE = `
globalLoginNumber: 900
queues:
  - { name: helpdesk, loginNumber: 811 }
  - { name: sales, loginNumber: 812 }
agents:
  - { id: 1001, name: Agent One, line: SIP/1001, queues: [helpdesk] }
  - { id: 1002, name: Agent Two, line: SIP/1002, queues: [helpdesk, sales] }
  - { id: 1004, name: Agent Four, hotDesk: true, queues: [helpdesk] }
  - id: 1005
    name: Agent Five
    line: SIP/1003
    queues: [sales]
    pin: "480613"
    sip: { transports: [udp], codecs: [alaw], callGroup: 2, recordingFormat: gsm }
phones:
  - { id: desk-1, line: SIP/1010, name: Desk 1 }
users:
  - { login: supervisor, role: supervisor }
  - { login: admin, role: admin }
pauseReasons:
  - { code: Break, maxMinutes: 15 }
`;

  it('imports YAML (curl --data-binary @directory.yaml): a new version, in force at once, credentials kept', async () => {
    const before = await read();
    const res = await putYaml(SITE, `"${before.version}"`).expect(200);
    expect(res.body.version).toBe(before.version + 1);
    expect(res.headers['etag']).toBe(`"${before.version + 1}"`);
    expect(res.body.directory.queues).toEqual([{ name: 'helpdesk', loginNumber: '811' }, { name: 'sales', loginNumber: '812' }]);
    expect(res.body.directory.agents.find((a: { id: string }) => a.id === '1005')).toEqual({
      id: '1005',
      name: 'Agent Five',
      line: 'SIP/1003',
      queues: ['sales'],
      sip: { transports: ['udp'], codecs: ['alaw'], callGroup: '2', recordingFormat: 'gsm' },
      hasPin: true,
      hasPassword: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/480613|scrypt/);
    // The new agent signs in with the PIN given in the clear; the others and the users kept theirs.
    await signIn('1005', '480613').expect(200);
    await signIn('1001', CREDENTIALS.agentPin).expect(200);
    await signIn('supervisor', CREDENTIALS.supervisor).expect(200);
    await signIn('admin', CREDENTIALS.admin).expect(200);
    // A login number of the import works from the phone.
    expect((await stack.dial('1003', '8121')).exten).toBe('gw-loginok');
    expect((await stack.dial('1003', '8120')).exten).toBe('gw-loggedoff');
  });

  it('refuses a change against an older version with 409 conflict, so no admin overwrites another unseen', async () => {
    const { version } = await read();
    await request(stack.http).put('/api/admin/pause-reasons/Lunch').set('authorization', admin).set('if-match', `"${version}"`).send({}).expect(200);
    const stale = await putYaml(SITE, `"${version}"`).expect(409);
    expect(stale.body.code).toBe('conflict');
    const staleEntry = await request(stack.http).put('/api/admin/queues/sales').set('authorization', admin).set('if-match', `"${version}"`).send({ loginNumber: '812' }).expect(409);
    expect(staleEntry.body.code).toBe('conflict');
    expect((await read()).version).toBe(version + 1);
  });

  it('takes back what GET showed, unchanged, as a JSON body: no new version, no credential lost', async () => {
    const shown = await read();
    const res = await request(stack.http).put('/api/admin/directory').set('authorization', admin).send(shown.directory).expect(200);
    expect(res.body.version).toBe(shown.version);
    await signIn('1005', '480613').expect(200);
  });

  it.each<[string, string, string]>([
    ['YAML that does not parse', 'agents: [', 'YAML: '],
    ['another PBX', `pbxId: pbx2\n${SITE}`, 'pbxId: is pbx1 for this service'],
    ['a CR in a name', SITE.replace('Agent Five', '"Agent\\rFive"'), 'must not contain CR, LF or NUL'],
    ['a PIN as a YAML number', SITE.replace('pin: "480613"', 'pin: 480613'), 'agents.3.pin: must be text'],
    ['a misspelt field', SITE.replace('loginNumber: 812', 'loginNumer: 812'), 'Unrecognized key'],
    ['an agent queue not declared', SITE.replace('queues: [sales]', 'queues: [support]'), 'agents[3].queues[0]: queue support is not declared'],
    ['an unknown codec', SITE.replace('codecs: [alaw]', 'codecs: [mp3]'), 'agents.3.sip.codecs.0'],
  ])('refuses %s (400 invalid_input, nothing recorded)', async (_what, yaml, message) => {
    const { version } = await read();
    const res = await putYaml(yaml).expect(400);
    expect(res.body.code).toBe('invalid_input');
    expect(res.body.message).toContain(message);
    expect(JSON.stringify(res.body)).not.toContain('480613');
    expect((await read()).version).toBe(version);
  });

  it('refuses an import that drops an agent who is logged in (409)', async () => {
    expect((await stack.dial('1001', '8111')).exten).toBe('gw-loginok');
    const res = await putYaml(SITE.replace('  - { id: 1001, name: Agent One, line: SIP/1001, queues: [helpdesk] }\n', '')).expect(409);
    expect(res.body.code).toBe('agent_in_use');
    expect((await stack.dial('1001', '8110')).exten).toBe('gw-loggedoff');
  });

  it('imports 20,000 agents in one YAML document, all in force at once', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `  - { id: ${30_000 + i}, name: Agent ${30_000 + i}, line: PJSIP/${30_000 + i}, queues: [helpdesk] }`).join('\n');
    const yaml = SITE.replace('phones:', `${many}\nphones:`);
    const res = await putYaml(yaml).expect(200);
    expect(res.body.directory.agents).toHaveLength(20_004);
    const after = await read();
    expect(after.version).toBe(res.body.version);
    expect(after.directory.agents.map((a: { id: string }) => a.id)).toContain('49999');
    // The agents sign in as before: the import kept the credentials stored under their ids.
    await signIn('1001', CREDENTIALS.agentPin).expect(200);
  }, 60_000);
});
