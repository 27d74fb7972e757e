import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { loggedInQueues, type Directory } from '@switchboard/agent-domain';
import { randomUUID } from 'node:crypto';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { DIRECTORY } from '../tokens';
import { POLICY_OPTIONS, type PolicyOptions } from './policy-options';
import { shiftEndCrossed } from './shift-end';

/** Logs every agent still logged in out at the end of the shift (SHIFT_END_UTC), reason end-of-shift. */
@Injectable()
export class EndOfShiftPolicy implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EndOfShiftPolicy.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastTick = new Date();

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICY_OPTIONS) private readonly options: PolicyOptions,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.shiftEndUtc === undefined) return;
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

  /** Logs everyone out when the shift end fell since the last tick; returns the agents logged out. */
  async tick(now: Date): Promise<string[]> {
    const since = this.lastTick;
    this.lastTick = now;
    if (this.options.shiftEndUtc === undefined || !shiftEndCrossed(this.options.shiftEndUtc, since, now)) return [];
    const out: string[] = [];
    for (const agent of this.directory.agents) {
      if (loggedInQueues(await this.commands.state(agent.id)).length === 0) continue;
      const result = await this.commands.execute({ type: 'LogOutEverywhere', commandId: randomUUID(), agentId: agent.id, at: now.toISOString(), via: 'system', reason: 'end-of-shift' });
      await this.executor.carryOut(result.events);
      out.push(agent.id);
    }
    if (out.length) this.logger.log(`end of shift ${this.options.shiftEndUtc} UTC: logged out ${out.join(', ')}`);
    return out;
  }
}
