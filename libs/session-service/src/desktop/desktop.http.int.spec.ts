import request from 'supertest';
import { startSessionStack, type SessionStack } from '../testing/session-stack';

/** The desktop's softphone routes over HTTP: its settings, and the SIP library it loads. */
describe('HTTP: the desktop softphone', () => {
  let stack: SessionStack;
  let one: string;

  beforeAll(async () => {
    stack = await startSessionStack();
    one = await stack.signIn('1001', '1234');
  });
  afterAll(() => stack.stop());

  it('tells the agent where its calls ring, and that no PBX WebSocket is configured', async () => {
    const before = await request(stack.http).get('/api/desktop/softphone').set('authorization', one).expect(200);
    expect(before.body).toEqual({ ringsHere: false, configured: false });
    await request(stack.http).post('/api/me/login').set('authorization', one).send({ interface: 'internal' }).expect(200);
    const after = await request(stack.http).get('/api/desktop/softphone').set('authorization', one).expect(200);
    expect(after.body).toEqual({ ringsHere: true, configured: false });
    await request(stack.http).post('/api/me/logout').set('authorization', one).send({}).expect(200);
  });

  it('is for agents only, signed in', async () => {
    await request(stack.http).get('/api/desktop/softphone').expect(401);
    const supervisor = await stack.signIn('supervisor', 'supervisor');
    const res = await request(stack.http).get('/api/desktop/softphone').set('authorization', supervisor).expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('lets the page connect to its own origin only when no PBX WebSocket is configured', async () => {
    const res = await request(stack.http).get('/desktop').expect(200);
    expect(res.headers['content-security-policy']).toBe("default-src 'self'; connect-src 'self'; frame-ancestors 'none'");
  });

  it('serves the SIP library’s modules from node_modules, as JavaScript', async () => {
    const entry = await request(stack.http).get('/desktop/vendor/sip.js/index.js').expect(200);
    expect(entry.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(entry.text).toContain('export * from "./api/index.js"');
    const nested = await request(stack.http).get('/desktop/vendor/sip.js/platform/web/transport/transport.js').expect(200);
    expect(nested.text).toContain('new WebSocket(this.server, "sip")');
  });

  it('serves nothing else from there: no other file, no way out of the library', async () => {
    for (const bad of ['index.d.ts', '../package.json', '..%2Fpackage.json', '%2E%2E/%2E%2E/package.json', 'missing.js', 'api/.hidden.js'])
      expect([bad, (await request(stack.http).get(`/desktop/vendor/sip.js/${bad}`)).status]).toEqual([bad, 404]);
  });
});
