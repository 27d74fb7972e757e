import { signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'a-test-secret-that-is-long-enough-0001';
const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('access tokens', () => {
  it('carry the principal until they expire', () => {
    const token = signAccessToken({ subject: '1001', role: 'agent', agentId: '1001' }, SECRET, 60, NOW);
    expect(verifyAccessToken(token, SECRET, NOW)).toEqual({ subject: '1001', role: 'agent', agentId: '1001' });
    expect(verifyAccessToken(token, SECRET, NOW + 59_000)).toBeDefined();
    expect(verifyAccessToken(token, SECRET, NOW + 60_000)).toBeUndefined();
  });

  it('are refused when signed with another secret', () => {
    const token = signAccessToken({ subject: 'admin', role: 'admin' }, SECRET, 60, NOW);
    expect(verifyAccessToken(token, `${SECRET}x`, NOW)).toBeUndefined();
  });

  it('are refused when the claims are changed, even by one character', () => {
    const token = signAccessToken({ subject: '1001', role: 'agent', agentId: '1001' }, SECRET, 60, NOW);
    const [body, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(verifyAccessToken(`${promoted}.${mac}`, SECRET, NOW)).toBeUndefined();
  });

  it.each(['', '.', 'abc', 'a.b.c', '.mac', 'body.', '%%%.%%%'])('refuse the malformed token %p', (token) => {
    expect(verifyAccessToken(token, SECRET, NOW)).toBeUndefined();
  });

  it('refuse well-signed claims of an unknown role or shape', () => {
    // Signed correctly but not by signAccessToken: the verifier still checks the claims' shape.
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    for (const claims of [{ sub: 'x', role: 'root', exp: 2e9 }, { sub: 1, role: 'admin', exp: 2e9 }, { sub: 'x', role: 'admin' }]) {
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const mac = createHmac('sha256', SECRET).update(body).digest('base64url');
      expect(verifyAccessToken(`${body}.${mac}`, SECRET, NOW)).toBeUndefined();
    }
  });
});
