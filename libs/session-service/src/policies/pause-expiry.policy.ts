import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import { randomUUID } from 'node:crypto';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { DIRECTORY } from '../tokens';
import { POLICY_OPTIONS, type PolicyOptions } from './policy-options';

/**
 * Ends pauses that ran past their reason's maximum length (directory pauseReasons maxMinutes).
 * The decider compares the pause's `until` with the time on the command, so this tick only says
 * what time it is; two replicas ticking together cannot unpause twice (expected revision).
 */
@Injectable()
export class PauseExpiryPolicy implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PauseExpiryPolicy.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICY_OPTIONS) private readonly options: PolicyOptions,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.directory.pauseReasons?.some((r) => r.maxMinutes !== undefined)) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(async () => {
        await this.tick(new Date());
      });
    }, this.options.tickMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the agents at `now`; returns how many queues were unpaused. */
  async tick(now: Date): Promise<number> {
    let unpaused = 0;
    for (const agent of this.directory.agents) {
      try {
        const result = await this.commands.execute({ type: 'EndExpiredPauses', commandId: randomUUID(), agentId: agent.id, at: now.toISOString(), via: 'system' });
        if (result.events.length === 0) continue;
        unpaused += result.events.length;
        this.logger.log(`agent ${agent.id}: pause ended after its maximum length in ${result.events.length} queue(s)`);
        await this.executor.carryOut(result.events);
      } catch (error) {
        this.logger.warn(`pause expiry of agent ${agent.id} failed: ${(error as Error).message}`);
      }
    }
    return unpaused;
  }
}
