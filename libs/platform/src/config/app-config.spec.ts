import { DEFAULT_READY_MAX_CONSUMER_LAG, loadConfig } from './app-config';

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

describe('loadConfig NATS settings', () => {
  it('READY_MAX_CONSUMER_LAG: 10,000 when unset or empty, a count when given, and 0 turns the bound off', () => {
    expect(loadConfig({}).readyMaxConsumerLag).toBe(DEFAULT_READY_MAX_CONSUMER_LAG);
    expect(DEFAULT_READY_MAX_CONSUMER_LAG).toBe(10_000);
    expect(loadConfig({ READY_MAX_CONSUMER_LAG: '' }).readyMaxConsumerLag).toBe(10_000);
    expect(loadConfig({ READY_MAX_CONSUMER_LAG: '2500' }).readyMaxConsumerLag).toBe(2500);
    expect(loadConfig({ READY_MAX_CONSUMER_LAG: '0' }).readyMaxConsumerLag).toBe(0);
  });

  it('READY_MAX_CONSUMER_LAG: refuses what is not a non-negative integer, so a typo stops the start-up', () => {
    for (const bad of ['-1', '1.5', 'ten', '1e3x']) {
      expect(() => loadConfig({ READY_MAX_CONSUMER_LAG: bad })).toThrow(
        'READY_MAX_CONSUMER_LAG must be a non-negative integer (0: no bound)',
      );
    }
  });

  it('NATS_REPLICAS: 1 when unset, 1 to 5 when given', () => {
    expect(loadConfig({}).natsReplicas).toBe(1);
    expect(loadConfig({ NATS_REPLICAS: '3' }).natsReplicas).toBe(3);
    for (const bad of ['0', '6', '2.5', 'three'])
      expect(() => loadConfig({ NATS_REPLICAS: bad })).toThrow('NATS_REPLICAS must be an integer from 1 to 5');
  });

  it('refuses the former NATS_STREAM_REPLICAS instead of quietly keeping one copy', () => {
    expect(() => loadConfig({ NATS_STREAM_REPLICAS: '3' })).toThrow(/NATS_STREAM_REPLICAS is now NATS_REPLICAS/);
  });
});

describe('loadConfig softphone setting', () => {
  it('SOFTPHONE_WSS_URL: unset or empty means no softphone, a ws(s) URL is kept', () => {
    expect(loadConfig({}).softphoneWssUrl).toBeUndefined();
    expect(loadConfig({ SOFTPHONE_WSS_URL: '' }).softphoneWssUrl).toBeUndefined();
    expect(loadConfig({ SOFTPHONE_WSS_URL: 'wss://pbx.example.com:8089/ws' }).softphoneWssUrl).toBe('wss://pbx.example.com:8089/ws');
  });

  it('SOFTPHONE_WSS_URL: refuses what is no WebSocket URL', () => {
    for (const bad of ['pbx.example.com:8089/ws', 'https://pbx.example.com/ws', 'wss://'])
      expect(() => loadConfig({ SOFTPHONE_WSS_URL: bad })).toThrow('SOFTPHONE_WSS_URL must be a wss:// (or ws://) URL');
  });
});
