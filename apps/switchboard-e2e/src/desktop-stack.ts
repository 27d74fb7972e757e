import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { freePort } from '@switchboard/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startService, type ServiceProcess } from './service-process';

/** The single process on the PBX simulator, and a Chromium page to drive its desktop with. */
export interface DesktopStack {
  readonly sim: PbxSimulator;
  readonly service: ServiceProcess;
  readonly browser: Browser;
  readonly page: Page;
  stop(): Promise<void>;
}

export async function startDesktopStack(env: Record<string, string> = {}, browserArgs: readonly string[] = []): Promise<DesktopStack> {
  const sim = new PbxSimulator({ port: 0 });
  const { port } = await sim.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-desktop-'));
  const service = await startService(
    'apps/switchboard/src/main.ts',
    { AMI_URL: `ami://gateway:gateway-secret@127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    await freePort(),
  );
  const browser = await launchBrowser(browserArgs);
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  return {
    sim,
    service,
    browser,
    page,
    async stop() {
      await browser.close();
      await service.stop();
      await sim.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
