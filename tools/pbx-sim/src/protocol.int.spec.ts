// The AMI session over real TCP: banner, login, permissions, generic responses, fan-out.
// Expected texts and header lists come from the real Asterisk captures.

import { PbxSimulator } from './simulator';
import { captureEvent, captureResponse } from './testing/captures';
import { AmiTestClient, headerNames, sleep } from './testing/ami-test-client';

describe('AMI protocol (over TCP)', () => {
  let sim: PbxSimulator;
  let port: number;
  const clients: AmiTestClient[] = [];

  const open = async (login = true): Promise<AmiTestClient> => {
    const client = login ? await AmiTestClient.login(port) : await AmiTestClient.connect(port);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    sim = new PbxSimulator({ seed: 7 });
    ({ port } = await sim.start());
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim.stop();
  });

  it('greets with the banner line and no blank line after it', async () => {
    const client = await open(false);
    await sleep(50);
    expect(client.raw).toBe('Asterisk Call Manager/9.0.0\r\n');
    expect(client.banner).toBe('Asterisk Call Manager/9.0.0');
  });

  it('accepts the login and sends FullyBooted and SuccessfulAuth like Asterisk', async () => {
    const client = await open(false);
    const response = await client.action(
      'Login',
      [
        ['Username', 'gateway'],
        ['Secret', 'gateway-secret'],
        ['Events', 'on'],
      ],
      'login-1',
    );
    const expected = captureResponse('login-and-banner', 'login-and-banner-1');
    expect(headerNames(response)).toEqual(headerNames(expected));
    expect(response.get('Response')).toBe('Success');
    expect(response.get('ActionID')).toBe('login-1');
    expect(response.get('Message')).toBe(expected.get('Message'));

    const booted = await client.waitForEvent('FullyBooted');
    expect(headerNames(booted)).toEqual(
      headerNames(captureEvent('login-and-banner', 'FullyBooted')),
    );
    expect(booted.get('Status')).toBe('Fully Booted');
    const auth = await client.waitForEvent('SuccessfulAuth');
    expect(headerNames(auth)).toEqual(
      headerNames(captureEvent('login-and-banner', 'SuccessfulAuth')),
    );
    expect(auth.get('AccountID')).toBe('gateway');
    expect(auth.get('Privilege')).toBe('security,all');
    // Response, then FullyBooted, then SuccessfulAuth.
    const order = client.messages.map((m) => m.get('Event') ?? m.get('Response'));
    expect(order.slice(0, 3)).toEqual(['Success', 'FullyBooted', 'SuccessfulAuth']);
  });

  it('refuses a wrong secret and closes the connection', async () => {
    const client = await open(false);
    const response = await client.action('Login', [
      ['Username', 'gateway'],
      ['Secret', 'wrong-secret'],
    ]);
    expect(response.get('Response')).toBe('Error');
    expect(response.get('Message')).toBe(captureResponse('errors', 'errors-3').get('Message'));
    expect(response.get('Message')).toBe('Authentication failed');
    await client.closed;
    expect(client.isOpen).toBe(false);
  });

  it('answers every action before login with Permission denied', async () => {
    const client = await open(false);
    for (const action of ['Ping', 'QueueStatus', 'QueueAdd']) {
      const response = await client.action(action);
      expect(response.get('Response')).toBe('Error');
      expect(response.get('Message')).toBe('Permission denied');
    }
    expect(captureResponse('errors', 'errors-1').get('Message')).toBe('Permission denied');
    expect(client.events()).toHaveLength(0);
  });

  it('answers Ping with Pong and a microsecond Timestamp, echoing ActionID only when given', async () => {
    const client = await open();
    const withId = await client.action('Ping', [], 'p-1');
    expect(headerNames(withId)).toEqual(
      headerNames(captureResponse('login-and-banner', 'login-and-banner-2')),
    );
    expect(withId.get('Ping')).toBe('Pong');
    expect(withId.get('Timestamp')).toMatch(/^\d{10}\.\d{6}$/);

    const from = client.mark();
    client.send([['Action', 'Ping']]);
    const withoutId = await client.waitFor((m) => m.kind === 'response', { from });
    expect(headerNames(withoutId)).toEqual(['Response', 'Ping', 'Timestamp']);
  });

  it('accepts lower-case header names and answers two actions in one write', async () => {
    const client = await open();
    let from = client.mark();
    client.sendRaw('action: ping\r\nactionid: lowercase-1\r\n\r\n');
    const lower = await client.waitFor((m) => m.get('ActionID') === 'lowercase-1', { from });
    expect(lower.get('Ping')).toBe('Pong');

    from = client.mark();
    client.sendRaw(
      'Action: Ping\r\nActionID: dup-1\r\n\r\nAction: Ping\r\nActionID: dup-1\r\n\r\n',
    );
    await sleep(100);
    const dups = client.messages.slice(from).filter((m) => m.get('ActionID') === 'dup-1');
    expect(dups).toHaveLength(2);
  });

  it('rejects an unknown action with the exact Asterisk text and a RequestBadFormat event', async () => {
    const client = await open();
    const from = client.mark();
    const response = await client.action('FooBarUnknownAction', [], 'errors-after-login-2');
    const expected = captureResponse('errors-after-login', 'errors-after-login-2');
    expect(response.get('Response')).toBe('Error');
    expect(response.get('Message')).toBe(expected.get('Message'));
    expect(response.get('Message')).toBe(
      'Invalid/unknown command: FooBarUnknownAction. Use Action: ListCommands to show available commands.',
    );
    const bad = await client.waitForEvent('RequestBadFormat', {}, { from });
    expect(headerNames(bad)).toEqual(
      headerNames(captureEvent('errors-after-login', 'RequestBadFormat')),
    );
    expect(bad.get('RequestType')).toBe('Action: FooBarUnknownAction');
  });

  it('says goodbye on Logoff and closes the connection', async () => {
    const client = await open();
    const response = await client.action('Logoff');
    expect(response.get('Response')).toBe('Goodbye');
    expect(response.get('Message')).toBe('Thanks for all the fish.');
    await client.closed;
  });

  it('sends events to every logged-in client, but not to those with Events: off', async () => {
    const a = await open();
    const b = await open();
    const quiet = await AmiTestClient.login(port, { events: 'off' });
    clients.push(quiet);
    const fromB = b.mark();
    const fromQuiet = quiet.mark();
    await a.action('QueueAdd', [
      ['Queue', 'helpdesk'],
      ['Interface', 'Local/1001@agent-phones/n'],
      ['MemberName', 'Agent 1001'],
      ['StateInterface', 'SIP/1001'],
    ]);
    await a.waitForEvent('QueueMemberAdded');
    await b.waitForEvent('QueueMemberAdded', {}, { from: fromB });
    await quiet.action('Ping');
    expect(quiet.events(fromQuiet)).toHaveLength(0);
    expect(sim.stats().authenticatedClients).toBe(3);
  });

  it('switches events on and off with the Events action', async () => {
    const client = await open();
    const off = await client.action('Events', [['EventMask', 'off']]);
    expect(off.get('Events')).toBe('Off');
    let from = client.mark();
    await sim.dialFeatureCode('1001', '811');
    await client.action('Ping');
    expect(client.events(from)).toHaveLength(0);
    const on = await client.action('Events', [['EventMask', 'on']]);
    expect(on.get('Events')).toBe('On');
    from = client.mark();
    sim.unregisterPhone('2001');
    await client.waitForEvent('PeerStatus', { Peer: 'SIP/2001' }, { from });
  });

  it('counts actions and events and logs actions without the secret', async () => {
    const logged: string[] = [];
    sim.on('action', (a: { action: string; summary: string }) =>
      logged.push(`${a.action} ${a.summary}`),
    );
    const client = await open();
    await client.action('Ping');
    const stats = sim.stats();
    expect(stats.actionsReceived).toBe(2);
    expect(stats.actionsByName['login']).toBe(1);
    expect(stats.eventsSent).toBeGreaterThanOrEqual(2);
    expect(logged.join('\n')).not.toContain('gateway-secret');
    expect(logged[0]).toContain('Secret=***');
  });
});
