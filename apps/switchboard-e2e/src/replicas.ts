import { freePort } from '@switchboard/testing';
import { startService, type ServiceProcess } from './service-process';

/**
 * The service processes of one test run. Each is registered as soon as it is up, so a start that
 * fails half-way (one replica does not come up) still leaves nothing running after `stopAll`.
 */
export class ProcessGroup {
  readonly running: ServiceProcess[] = [];

  /** `count` processes of one entry point, started side by side on their own ports. */
  async start(entry: string, env: Record<string, string>, count: number): Promise<ServiceProcess[]> {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) ports.push(await freePort());
    return settled(
      ports.map(async (port) => {
        const service = await startService(entry, env, port);
        this.running.push(service);
        return service;
      }),
    );
  }

  /** Several starts side by side; fails only once all have settled (none still starting). */
  together<T>(starts: ReadonlyArray<Promise<T>>): Promise<T[]> {
    return settled(starts);
  }

  /** Forget a process the test stopped itself. */
  forget(service: ServiceProcess): void {
    const i = this.running.indexOf(service);
    if (i >= 0) this.running.splice(i, 1);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.running.splice(0).map((s) => s.stop()));
  }
}

async function settled<T>(promises: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
