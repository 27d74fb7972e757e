import type { PbxSimulator } from '@switchboard/pbx-sim';
import type { Page } from 'playwright-core';
import { startDesktopStack, type DesktopStack } from './desktop-stack';
import { eventually } from './eventually';
import type { ServiceProcess } from './service-process';

/** The agent desktop in a real browser against the single process and the PBX simulator. */
describe('agent desktop (Chromium)', () => {
  let stack: DesktopStack;
  let sim: PbxSimulator;
  let service: ServiceProcess;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesktopStack();
    ({ sim, service, page } = stack);
  });

  afterAll(() => stack?.stop());

  const statusOf = (queue: string) => page.locator(`#queues tr[data-queue="${queue}"] td:nth-child(2)`);
  const member1001 = () => sim.members('helpdesk').find((m) => m.interface === 'Local/1001@agent-phones/n');

  it('refuses a wrong PIN with the API message', async () => {
    await page.goto(`${service.url}/desktop`);
    await page.fill('#sign-in [name=login]', '1001');
    await page.fill('#sign-in [name=password]', '9999');
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#message.error');
    expect(await page.textContent('#message')).toBe('login or password is wrong');
    expect(await page.isVisible('#desk')).toBe(false);
  });

  it('signs the agent in and shows its queues, logged out', async () => {
    await page.fill('#sign-in [name=password]', '1234');
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#desk', { state: 'visible' });
    expect(await page.textContent('#who')).toBe('Agent One (1001)');
    expect(await statusOf('helpdesk').textContent()).toBe('logged out');
    // The pause reasons come from the API.
    expect(await page.locator('#pause [name=reason] option').count()).toBeGreaterThan(0);
  });

  it('logs in on the agent’s phone: a member on the PBX, available on the page', async () => {
    await page.check('#ring-where input[value=phone]');
    await page.click('#log-in button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#message')?.textContent === 'Logged in');
    expect(await statusOf('helpdesk').textContent()).toBe('available');
    await eventually(() => member1001(), '1001 to be a member of helpdesk');
  });

  it('pauses with a reason and unpauses, on the PBX too', async () => {
    await page.selectOption('#pause [name=reason]', 'Lunch');
    await page.click('#pause button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#message')?.textContent === 'Paused');
    expect(await statusOf('helpdesk').textContent()).toBe('paused (Lunch)');
    expect(member1001()).toMatchObject({ paused: true, pausedReason: 'Lunch' });

    await page.click('#unpause');
    await page.waitForFunction(() => document.querySelector('#message')?.textContent === 'Available');
    expect(await statusOf('helpdesk').textContent()).toBe('available');
    expect(member1001()).toMatchObject({ paused: false });
  });

  it('logs out: the member leaves the queue', async () => {
    await page.click('#log-out');
    await page.waitForFunction(() => document.querySelector('#message')?.textContent === 'Logged out');
    expect(await statusOf('helpdesk').textContent()).toBe('logged out');
    expect(member1001()).toBeUndefined();
  });

  it('says the browser softphone is not configured when calls ring in the browser without SOFTPHONE_WSS_URL', async () => {
    expect(await page.isVisible('#softphone')).toBe(false);
    await page.check('#ring-where input[value=internal]');
    await page.click('#log-in button[type=submit]');
    await page.waitForSelector('#softphone', { state: 'visible' });
    expect(await page.textContent('#softphone-status')).toBe(
      'The internal softphone is not configured (no SOFTPHONE_WSS_URL): calls to this browser ring nowhere. Log in on a phone or a mobile instead.',
    );
    expect(await page.isVisible('#softphone-connect')).toBe(false);
    await eventually(() => sim.members('helpdesk').find((m) => m.interface === 'PJSIP/webrtc-1001'), 'webrtc-1001 to be a member of helpdesk');

    await page.click('#log-out');
    await page.waitForFunction(() => document.querySelector('#message')?.textContent === 'Logged out');
    await page.waitForSelector('#softphone', { state: 'hidden' });
  });

  it('keeps the agent signed in across a reload, and signs out', async () => {
    await page.reload();
    await page.waitForSelector('#desk', { state: 'visible' });
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in', { state: 'visible' });
    expect(await page.evaluate(() => sessionStorage.getItem('sb-token'))).toBeNull();
  });
});
