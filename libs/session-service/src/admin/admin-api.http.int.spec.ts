import request from 'supertest';
import { startSessionStack, type SessionStack } from '../testing/session-stack';
import { CREDENTIALS, adminSiteYaml } from './testing/admin-site';

/**
 * The admin API over real HTTP on agent-session (the simulator, gateway and SessionModule on the
 * embedded store): who may do what, create-read-replace-remove of every kind of entry, and the
 * validation at the edge and of the directory as a whole.
 */
describe('HTTP: the admin API over the directory', () => {
  let stack: SessionStack;
  let admin: string;
  let supervisor: string;
  let agent: string;

  beforeAll(async () => {
    stack = await startSessionStack(await adminSiteYaml());
    [admin, supervisor, agent] = await Promise.all([
      stack.signIn('admin', CREDENTIALS.admin),
      stack.signIn('supervisor', CREDENTIALS.supervisor),
      stack.signIn('1001', CREDENTIALS.agentPin),
    ]);
  });
  afterAll(() => stack.stop());

  const version = async () => (await request(stack.http).get('/api/admin/directory').set('authorization', admin).expect(200)).body.version as number;
  const sip = { transports: ['udp', 'tcp'], nat: 'force_rport', codecs: ['g722', 'ulaw'], context: 'from-agents', callGroup: '1', pickupGroup: '1-2', chanspy: true, recordingFormat: 'wav' };
  const agent3 = { name: 'Agent Three', line: 'SIP/1003', queues: ['helpdesk'], sip };

  describe('roles', () => {
    it('needs a token', async () => {
      expect((await request(stack.http).get('/api/admin/directory').expect(401)).body.code).toBe('unauthorized');
    });

    it('refuses agents, reading as well as writing', async () => {
      for (const path of ['/api/admin/directory', '/api/admin/agents', '/api/admin/agents/1001', '/api/admin/sip/endpoints.conf', '/api/admin/queues']) {
        expect((await request(stack.http).get(path).set('authorization', agent).expect(403)).body.code).toBe('forbidden');
      }
      await request(stack.http).put('/api/admin/agents/1003').set('authorization', agent).send(agent3).expect(403);
    });

    it('lets supervisors read, and only read', async () => {
      const res = await request(stack.http).get('/api/admin/directory').set('authorization', supervisor).expect(200);
      expect(res.body.version).toBe(1);
      expect(res.headers['etag']).toBe('"1"');
      expect(res.body.directory.agents[0]).toMatchObject({ id: '1001', hasPin: true, hasPassword: false });
      await request(stack.http).put('/api/admin/agents/1003').set('authorization', supervisor).send(agent3).expect(403);
      await request(stack.http).delete('/api/admin/agents/1002').set('authorization', supervisor).expect(403);
      await request(stack.http).put('/api/admin/global-login-number').set('authorization', supervisor).send({ number: '700' }).expect(403);
      await request(stack.http).put('/api/admin/directory').set('authorization', supervisor).send(res.body.directory).expect(403);
      expect(await version()).toBe(1);
    });

    it('never shows a PIN or password hash', async () => {
      for (const path of ['/api/admin/directory', '/api/admin/agents', '/api/admin/agents/1001']) {
        const res = await request(stack.http).get(path).set('authorization', admin).expect(200);
        expect(JSON.stringify(res.body)).not.toMatch(/scrypt|pinHash|passwordHash/);
      }
    });
  });

  describe('create, read, replace, remove', () => {
    it('an agent with SIP voice settings', async () => {
      const created = await request(stack.http).put('/api/admin/agents/1003').set('authorization', admin).send(agent3).expect(200);
      expect(created.body).toEqual({ version: 2, agent: { id: '1003', ...agent3, hasPin: false, hasPassword: false } });
      expect(created.headers['etag']).toBe('"2"');
      const read = await request(stack.http).get('/api/admin/agents/1003').set('authorization', supervisor).expect(200);
      expect(read.body).toEqual(created.body);
      const renamed = await request(stack.http)
        .put('/api/admin/agents/1003')
        .set('authorization', admin)
        .send({ ...read.body.agent, name: 'Agent 3' })
        .expect(200);
      expect(renamed.body).toMatchObject({ version: 3, agent: { name: 'Agent 3', sip } });
      const list = await request(stack.http).get('/api/admin/agents').set('authorization', admin).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual(['1001', '1002', '1004', '1003']);
      expect((await request(stack.http).delete('/api/admin/agents/1003').set('authorization', admin).expect(200)).body).toEqual({ version: 4 });
      expect((await request(stack.http).get('/api/admin/agents/1003').set('authorization', admin).expect(404)).body.code).toBe('not_found');
      expect((await request(stack.http).delete('/api/admin/agents/1003').set('authorization', admin).expect(404)).body.code).toBe('not_found');
    });

    it('a phone', async () => {
      const put = await request(stack.http).put('/api/admin/phones/desk-2').set('authorization', admin).send({ line: 'SIP/1011', name: 'Desk 2' }).expect(200);
      expect(put.body.phone).toEqual({ id: 'desk-2', line: 'SIP/1011', name: 'Desk 2' });
      expect((await request(stack.http).get('/api/admin/phones').set('authorization', admin).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual(['desk-1', 'desk-2']);
      // The hot-desk list follows at once: the phone is offered to agents.
      const four = await stack.signIn('1004', CREDENTIALS.agentPin);
      const available = await request(stack.http).get('/api/phones/available').set('authorization', four).expect(200);
      expect(available.body.items.map((p: { id: string }) => p.id)).toContain('desk-2');
      await request(stack.http).delete('/api/admin/phones/desk-2').set('authorization', admin).expect(200);
      await request(stack.http).get('/api/admin/phones/desk-2').set('authorization', admin).expect(404);
    });

    it('a queue with its login number', async () => {
      const put = await request(stack.http).put('/api/admin/queues/support').set('authorization', admin).send({ loginNumber: '813' }).expect(200);
      expect(put.body.queue).toEqual({ name: 'support', loginNumber: '813' });
      expect((await request(stack.http).get('/api/admin/queues/support').set('authorization', supervisor).expect(200)).body.queue).toEqual(put.body.queue);
      await request(stack.http).put('/api/admin/queues/support').set('authorization', admin).send({}).expect(200);
      expect((await request(stack.http).get('/api/admin/queues/support').set('authorization', admin).expect(200)).body.queue).toEqual({ name: 'support' });
      await request(stack.http).delete('/api/admin/queues/support').set('authorization', admin).expect(200);
      await request(stack.http).delete('/api/admin/queues/support').set('authorization', admin).expect(404);
    });

    it('a pause reason', async () => {
      const put = await request(stack.http).put('/api/admin/pause-reasons/Coffee').set('authorization', admin).send({ label: 'Coffee', maxMinutes: 10 }).expect(200);
      expect(put.body.reason).toEqual({ code: 'Coffee', label: 'Coffee', maxMinutes: 10 });
      expect((await request(stack.http).get('/api/admin/pause-reasons').set('authorization', admin).expect(200)).body.items).toEqual([put.body.reason]);
      await request(stack.http).delete('/api/admin/pause-reasons/Coffee').set('authorization', admin).expect(200);
      expect((await request(stack.http).get('/api/admin/pause-reasons').set('authorization', admin).expect(200)).body.items).toEqual([]);
    });

    it('the global login number', async () => {
      expect((await request(stack.http).get('/api/admin/global-login-number').set('authorization', admin).expect(200)).body.number).toBe('900');
      expect((await request(stack.http).put('/api/admin/global-login-number').set('authorization', admin).send({ number: '700' }).expect(200)).body.number).toBe('700');
      await request(stack.http).delete('/api/admin/global-login-number').set('authorization', admin).expect(200);
      await request(stack.http).get('/api/admin/global-login-number').set('authorization', admin).expect(404);
      await request(stack.http).put('/api/admin/global-login-number').set('authorization', admin).send({ number: '900' }).expect(200);
    });
  });

  describe('validation (400 invalid_input, nothing recorded)', () => {
    it.each<[string, string, unknown, string]>([
      ['CR/LF in a name', '/api/admin/agents/1003', { ...agent3, name: 'Agent\r\nThree' }, 'name: must not contain CR, LF or NUL'],
      ['NUL in a line', '/api/admin/agents/1003', { ...agent3, line: 'SIP/10\u000003' }, 'line: must not contain CR, LF or NUL'],
      ['LF in a SIP context', '/api/admin/agents/1003', { ...agent3, sip: { context: 'a\nb' } }, 'sip.context'],
      ['an unknown codec', '/api/admin/agents/1003', { ...agent3, sip: { codecs: ['mp3'] } }, 'sip.codecs.0'],
      ['an unknown transport', '/api/admin/agents/1003', { ...agent3, sip: { transports: ['sctp'] } }, 'sip.transports.0'],
      ['an unknown recording format', '/api/admin/agents/1003', { ...agent3, sip: { recordingFormat: 'mp3' } }, 'sip.recordingFormat'],
      ['a group out of range', '/api/admin/agents/1003', { ...agent3, sip: { callGroup: '64' } }, 'agents[3].sip.callGroup: group 64 is out of range'],
      ['an unknown field', '/api/admin/agents/1003', { ...agent3, colour: 'blue' }, 'Unrecognized key'],
      ['another id in the body', '/api/admin/agents/1003', { ...agent3, id: '1009' }, 'id: is 1009 in the body but 1003 in the path'],
      ['an undeclared queue', '/api/admin/agents/1003', { ...agent3, queues: ['nope'] }, 'agents[3].queues[0]: queue nope is not declared'],
      ['a line another agent has', '/api/admin/agents/1003', { ...agent3, line: 'SIP/1001' }, 'agents[3].line: duplicate line SIP/1001'],
      ['a short PIN', '/api/admin/agents/1003', { ...agent3, pin: '12' }, 'pin: must be 4 to 12 digits'],
      ['a PIN as a number', '/api/admin/agents/1003', { ...agent3, pin: 1234 }, 'pin: must be text'],
      ['an id that is no id', '/api/admin/agents/10%0A03', agent3, 'id: letters, digits'],
      ['a login number that collides', '/api/admin/queues/support', { loginNumber: '81' }, 'collides'],
      ['a phone on an agent’s line', '/api/admin/phones/desk-9', { line: 'SIP/1002' }, 'duplicate line SIP/1002'],
      ['a label with a line break', '/api/admin/pause-reasons/Nap', { label: 'a\nb' }, 'label: must not contain CR, LF or NUL'],
    ])('%s', async (_what, path, body, message) => {
      const before = await version();
      const res = await request(stack.http).put(path).set('authorization', admin).send(body as object).expect(400);
      expect(res.body.code).toBe('invalid_input');
      expect(res.body.message).toContain(message);
      expect(await version()).toBe(before);
    });

    it('refuses an If-Match that is no version', async () => {
      const res = await request(stack.http).put('/api/admin/agents/1003').set('authorization', admin).set('if-match', 'latest').send(agent3).expect(400);
      expect(res.body.code).toBe('invalid_input');
    });
  });

  it('renders the agents’ SIP settings as a PJSIP snippet, without secrets', async () => {
    await request(stack.http).put('/api/admin/agents/1003').set('authorization', admin).send(agent3).expect(200);
    const res = await request(stack.http).get('/api/admin/sip/endpoints.conf').set('authorization', supervisor).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['etag']).toBe(`"${await version()}"`);
    expect(res.text).toContain(
      ['[1003]', 'type=endpoint', 'aors=1003', 'transport=transport-udp', '; also over tcp (PJSIP answers on any transport; the first is used to reach the phone)', 'context=from-agents', 'disallow=all', 'allow=g722,ulaw', 'force_rport=yes', 'rewrite_contact=yes', 'rtp_symmetric=no', 'call_group=1', 'pickup_group=1-2', 'set_var=SWITCHBOARD_CHANSPY=yes', 'set_var=SWITCHBOARD_RECORDING_FORMAT=wav'].join('\n'),
    );
    expect(res.text).toContain(['[1003]', 'type=aor', 'max_contacts=1', 'remove_existing=yes'].join('\n'));
    // Agents without SIP settings get no endpoint for a line, but every agent gets its browser's; nothing secret is in the file.
    expect(res.text).not.toMatch(/^\[1001\]$/m);
    expect(res.text).toContain(['[webrtc-1001]', 'type=endpoint', 'aors=webrtc-1001', 'transport=transport-wss', 'webrtc=yes'].join('\n'));
    expect(res.text).not.toMatch(/scrypt|type=auth/);
  });

  it('documents the admin routes and their bodies in the OpenAPI document', async () => {
    const doc = (await request(stack.http).get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.paths['/api/admin/agents/{id}']['put'].requestBody).toBeDefined();
    expect(JSON.stringify(doc.paths['/api/admin/agents/{id}']['put'].requestBody)).toContain('recordingFormat');
    expect(Object.keys(doc.paths['/api/admin/directory']['put'].requestBody as object)).toContain('content');
    expect(doc.paths['/api/admin/sip/endpoints.conf']).toBeDefined();
    // The refusals of a removal in use and of a mobile number another agent rings on are public codes.
    expect(JSON.stringify(doc)).toMatch(/"agent_in_use".*"mobile_in_use"|"mobile_in_use".*"agent_in_use"/);
  });
});
