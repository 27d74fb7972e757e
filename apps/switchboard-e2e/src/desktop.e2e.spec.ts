import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { freePort } from '@switchboard/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { eventually } from './eventually';
import { startService, type ServiceProcess } from './service-process';

/** The agent desktop in a real browser against the single process and the PBX simulator. */
describe('agent desktop (Chromium)', () => {
  let sim: PbxSimulator;
  let service: ServiceProcess;
  let dataDir: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    sim = new PbxSimulator({ port: 0 });
    const { port } = await sim.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-desktop-'));
    service = await startService(
      'apps/switchboard/src/main.ts',
      { AMI_URL: `ami://gateway:gateway-secret@127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      await freePort(),
    );
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await sim?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

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

  it('keeps the agent signed in across a reload, and signs out', async () => {
    await page.reload();
    await page.waitForSelector('#desk', { state: 'visible' });
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in', { state: 'visible' });
    expect(await page.evaluate(() => sessionStorage.getItem('sb-token'))).toBeNull();
  });
});
