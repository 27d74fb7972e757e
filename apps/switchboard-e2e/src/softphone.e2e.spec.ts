import type { PbxSimulator } from '@switchboard/pbx-sim';
import type { Page } from 'playwright-core';
import { startDesktopStack, type DesktopStack } from './desktop-stack';
import { eventually } from './eventually';
import type { ServiceProcess } from './service-process';
import { header, TestSipServer, type SipMessage } from './sip-test-server';

const SIP_PASSWORD = 'webrtc-1001-secret';

/**
 * The desktop's browser softphone in Chromium: it registers webrtc-1001 over SIP-over-WebSocket
 * to a test registrar (standing in for Asterisk's WSS transport) and shows the calls it is rung
 * with. Answer is checked down to the SDP answer (Chromium's fake microphone); audio itself needs
 * a real Asterisk at the other end (ICE, DTLS-SRTP), which this test server is not.
 */
describe('agent desktop softphone (Chromium, SIP over WebSocket)', () => {
  let sip: TestSipServer;
  let stack: DesktopStack;
  let sim: PbxSimulator;
  let service: ServiceProcess;
  let page: Page;

  beforeAll(async () => {
    sip = new TestSipServer(SIP_PASSWORD);
    // Debug logging: the SIP password must not show up even there.
    const env = { SOFTPHONE_WSS_URL: await sip.start(), LOG_LEVEL: 'debug' };
    // Fake microphone, granted without a prompt: Answer gets a local audio track as an agent's would.
    stack = await startDesktopStack(env, ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    ({ sim, service, page } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await sip?.stop();
  });

  const text = (selector: string) => page.locator(selector).textContent();
  const responseTo = (callId: string, status: number, method = 'INVITE') => (m: SipMessage) =>
    m.status === status && header(m, 'call-id') === callId && (header(m, 'cseq') ?? '').endsWith(method);

  it('asks for the SIP password once the agent’s calls ring in the browser', async () => {
    await page.goto(`${service.url}/desktop`);
    await page.fill('#sign-in [name=login]', '1001');
    await page.fill('#sign-in [name=password]', '1234');
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#desk', { state: 'visible' });
    expect(await page.isVisible('#softphone')).toBe(false);

    await page.check('#ring-where input[value=internal]');
    await page.click('#log-in button[type=submit]');
    await page.waitForSelector('#softphone-connect', { state: 'visible' });
    expect(await text('#softphone-user')).toBe('webrtc-1001');
    expect(await text('#softphone-status')).toBe('Not registered: calls to this browser ring nowhere until you connect.');
    await eventually(() => sim.members('helpdesk').find((m) => m.interface === 'PJSIP/webrtc-1001'), 'webrtc-1001 to be a member');
    expect(sip.connections).toEqual([]);
  });

  it('says so when the PBX refuses the password, and asks again', async () => {
    await page.fill('#softphone-connect [name=sipPassword]', 'not-the-password');
    await page.click('#softphone-connect button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#softphone-status')?.textContent?.startsWith('The PBX refused'));
    expect(await text('#softphone-status')).toBe('The PBX refused the registration: 401 Unauthorized');
    expect(await page.isVisible('#softphone-connect')).toBe(true);
    await sip.next('a REGISTER with the wrong password', (m) => m.method === 'REGISTER' && header(m, 'authorization') !== undefined);
    expect(sip.contact).toBeUndefined();
  });

  it('registers sip:webrtc-1001@<PBX host> over a WebSocket with subprotocol "sip"', async () => {
    await page.fill('#softphone-connect [name=sipPassword]', SIP_PASSWORD);
    await page.click('#softphone-connect button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#softphone-status')?.textContent?.startsWith('Registered'));
    expect(await text('#softphone-status')).toBe('Registered as webrtc-1001: calls ring here');
    expect(await page.isVisible('#softphone-connect')).toBe(false);
    expect(await page.inputValue('#softphone-connect [name=sipPassword]')).toBe('');

    expect(sip.connections.length).toBeGreaterThan(0);
    for (const protocols of sip.connections) expect(protocols).toContain('sip');
    const register = await sip.next('an authorized REGISTER', (m) => m.method === 'REGISTER' && header(m, 'authorization') !== undefined);
    expect(header(register, 'to')).toBe('<sip:webrtc-1001@127.0.0.1>');
    expect(header(register, 'authorization')).toContain('username="webrtc-1001"');
    // The password went to the PBX's digest only: the service never saw it.
    expect(service.output()).not.toContain(SIP_PASSWORD);
  });

  it('shows an incoming call while it rings (180 Ringing), and Hang up declines it', async () => {
    const invite = sip.invite('0612345678', 'Queue Caller');
    await sip.next('180 Ringing', responseTo(invite.callId, 180));
    await page.waitForSelector('#incoming', { state: 'visible' });
    expect(await text('#incoming-caller')).toBe('Queue Caller (0612345678)');
    expect(await text('#incoming-state')).toBe('ringing');
    expect(await page.isVisible('#answer')).toBe(true);

    await page.click('#hang-up');
    const busy = await sip.next('486 Busy Here', responseTo(invite.callId, 486));
    sip.ack(invite, busy);
    await page.waitForSelector('#incoming', { state: 'hidden' });
  });

  it('stops showing a call the caller gives up on', async () => {
    const invite = sip.invite('0698765432', 'Second Caller');
    await sip.next('180 Ringing', responseTo(invite.callId, 180));
    await page.waitForSelector('#incoming', { state: 'visible' });
    expect(await text('#incoming-caller')).toBe('Second Caller (0698765432)');

    sip.cancel(invite);
    await sip.next('200 OK to the CANCEL', responseTo(invite.callId, 200, 'CANCEL'));
    const terminated = await sip.next('487 Request Terminated', responseTo(invite.callId, 487));
    sip.ack(invite, terminated);
    await page.waitForSelector('#incoming', { state: 'hidden' });
  });

  it('Answer answers with an SDP answer (200 OK), and Hang up ends the call with a BYE', async () => {
    const invite = sip.invite('0611111111', 'Answered Caller');
    await sip.next('180 Ringing', responseTo(invite.callId, 180));
    await page.click('#answer');
    const ok = await sip.next('200 OK', responseTo(invite.callId, 200));
    expect(header(ok, 'content-type')).toBe('application/sdp');
    expect(ok.body).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF /m);
    expect(ok.body).toMatch(/^a=setup:(active|passive)/m);
    sip.ackAnswer(invite, ok);
    await page.waitForFunction(() => document.querySelector('#incoming-state')?.textContent === 'in call');
    expect(await page.isVisible('#answer')).toBe(false);

    await page.click('#hang-up');
    await sip.next('BYE', (m) => m.method === 'BYE' && header(m, 'call-id') === invite.callId);
    await page.waitForSelector('#incoming', { state: 'hidden' });
  });

  it('unregisters when the agent logs out', async () => {
    await page.click('#log-out');
    await page.waitForFunction(() => document.querySelector('#message')?.textContent === 'Logged out');
    const unregister = await sip.next(
      'an unREGISTER',
      (m) => m.method === 'REGISTER' && (/;\s*expires=0\b/.test(header(m, 'contact') ?? '') || header(m, 'expires') === '0'),
    );
    expect(header(unregister, 'to')).toBe('<sip:webrtc-1001@127.0.0.1>');
    await eventually(() => (sip.contact === undefined ? true : undefined), 'the registration to be removed');
    await page.waitForSelector('#softphone', { state: 'hidden' });
    expect(sim.members('helpdesk').find((m) => m.interface === 'PJSIP/webrtc-1001')).toBeUndefined();
  });
});
