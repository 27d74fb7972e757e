import os from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import type { Bus, LeaseHandle } from '@switchboard/bus';
import { BUS } from '@switchboard/platform';
import { REACTOR_OPTIONS, type ReactorOptions } from '../reactor/reactor-options';
import { DIRECTORY } from '../tokens';
import { Reconciler } from './reconciler';

/**
 * Reconciles each PBX on a timer, on one replica at a time: the replica holding the lease
 * `reconcile-<pbxId>`. Snapshot- and connect-triggered runs need no lease: each PBX event is
 * handled by one replica of the competing durable consumer. Two runs that still overlap (a timer
 * run and a snapshot run) cannot repair twice: each agent's repairs are appended with the revision
 * the decision read, so the second run re-reads, finds the first run's repairs and the member
 * already as the session wants, and decides nothing more.
 */
@Injectable()
export class ReconciliationTimer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReconciliationTimer.name);
  private readonly owner = `${os.hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  private lease: LeaseHandle | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(REACTOR_OPTIONS) private readonly options: ReactorOptions,
    private readonly reconciler: Reconciler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.reconcileEveryMs === 0) return;
    const pbxId = this.directory.pbxId;
    const leases = await this.bus.leases();
    this.lease = await leases.campaign(`reconcile-${pbxId}`, this.owner, {
      onAcquired: () => {
        this.logger.log(`reconciling ${pbxId} every ${this.options.reconcileEveryMs} ms`);
        this.timer = setInterval(() => this.tick(pbxId), this.options.reconcileEveryMs);
      },
      onLost: () => this.stopTimer(),
    });
  }

  /** Whether this replica is the one reconciling the PBX by timer now. */
  get leading(): boolean {
    return this.timer !== null;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.lease?.release();
    this.stopTimer();
    await this.running;
  }

  private tick(pbxId: string): void {
    // One run at a time: a slow PBX must not pile runs up.
    this.running = this.running.then(() =>
      this.reconciler.reconcileNow(pbxId, 'timer').catch((error: unknown) => {
        this.logger.warn(`timed reconciliation of ${pbxId} failed: ${(error as Error).message}`);
      }),
    );
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
