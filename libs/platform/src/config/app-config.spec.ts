import { loadConfig } from './app-config';

describe('loadConfig auth settings', () => {
  it('uses AUTH_SECRET when given, and says so', () => {
    const config = loadConfig({ AUTH_SECRET: 'x'.repeat(32), AUTH_TOKEN_TTL_SECONDS: '600' });
    expect(config.auth).toEqual({ secret: 'x'.repeat(32), secretConfigured: true, tokenTtlSeconds: 600 });
  });

  it('makes up a random secret per process when none is given', () => {
    const a = loadConfig({}).auth;
    const b = loadConfig({}).auth;
    expect(a.secretConfigured).toBe(false);
    expect(a.secret.length).toBeGreaterThanOrEqual(32);
    expect(a.secret).not.toBe(b.secret);
  });

  it('refuses a secret short enough to brute-force', () => {
    expect(() => loadConfig({ AUTH_SECRET: 'short' })).toThrow('AUTH_SECRET must be at least 32 characters');
  });
});
