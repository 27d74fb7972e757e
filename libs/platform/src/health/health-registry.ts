import { Injectable } from '@nestjs/common';

export interface HealthCheckResult {
  readonly ok: boolean;
  readonly detail?: string;
}

export type HealthCheck = () => Promise<HealthCheckResult> | HealthCheckResult;

/** Each module registers what "ready" means for it (AMI connected, consumers running, …). */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async readiness(): Promise<{ ok: boolean; checks: Record<string, HealthCheckResult> }> {
    const checks: Record<string, HealthCheckResult> = {};
    for (const [name, check] of this.checks) {
      try {
        checks[name] = await check();
      } catch (error) {
        checks[name] = { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    }
    return { ok: Object.values(checks).every((c) => c.ok), checks };
  }
}
