import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { METRICS } from '@switchboard/platform';
import type { Registry } from 'prom-client';
import { AgentCommandService } from '../commands/agent-command.service';
import { PbxClient } from '../pbx/pbx-client';
import type { MembershipPlan } from './membership-plan';
import { MembershipWatch } from './membership-watch';
import { memberInReply, sameMembership } from './pbx-member-check';
import { REACTOR_OPTIONS, type ReactorOptions } from './reactor-options';
import { reactorMetrics, type ReactorMetrics } from './reactor.metrics';

export type Confirmation = 'confirmed' | 'unconfirmed';

export interface ConfirmationReport {
  readonly queue: string;
  readonly interface: string;
  readonly action: MembershipPlan['action']['action'];
  readonly confirmation: Confirmation;
  readonly attempts: number;
}

/**
 * Follows one sent action until the PBX shows it: the member event (fast path), or else the
 * PBX's own QueueStatus for that member (the event may have gone to another replica). Not shown:
 * the action is sent again, up to confirmAttempts sends in all; then the decision is flagged
 * (MembershipUnconfirmed on the agent's stream, a metric, an error log line).
 */
@Injectable()
export class ConfirmationFollower {
  private readonly logger = new Logger(ConfirmationFollower.name);
  private readonly metrics: ReactorMetrics;

  constructor(
    private readonly pbx: PbxClient,
    private readonly watch: MembershipWatch,
    private readonly commands: AgentCommandService,
    @Inject(REACTOR_OPTIONS) private readonly options: ReactorOptions,
    @Inject(METRICS) registry: Registry,
  ) {
    this.metrics = reactorMetrics(registry);
  }

  /** Starts watching before the action is sent: the member event can beat the action's reply. */
  expect(plan: MembershipPlan): Promise<boolean> {
    return this.watch.wait(plan.pbxId, plan.queue, plan.interface, plan.expected, this.options.confirmTimeoutMs);
  }

  async follow(plan: MembershipPlan, firstSighting: Promise<boolean>, logoutReason?: string): Promise<ConfirmationReport> {
    let seen = await firstSighting;
    for (let attempt = 1; ; attempt++) {
      if (!seen) seen = await this.pbxShows(plan);
      if (seen) {
        await this.record(plan);
        return this.report(plan, 'confirmed', attempt);
      }
      if (attempt >= this.options.confirmAttempts) {
        await this.flag(plan, attempt, logoutReason);
        return this.report(plan, 'unconfirmed', attempt);
      }
      this.metrics.retries.inc({ action: plan.action.action });
      this.logger.warn(`${plan.action.action} ${plan.queue} ${plan.interface} not shown by ${plan.pbxId} yet: sending again (attempt ${attempt + 1})`);
      const sighting = this.expect(plan);
      await this.pbx.execute(plan.pbxId, plan.action);
      seen = await sighting;
    }
  }

  private async pbxShows(plan: MembershipPlan): Promise<boolean> {
    const reply = await this.pbx.execute(plan.pbxId, { action: 'QueueStatus', queue: plan.queue, member: plan.interface });
    const member = memberInReply(reply, plan.interface);
    return member !== undefined && sameMembership(member, plan.expected);
  }

  private async record(plan: MembershipPlan): Promise<void> {
    await this.commands.execute({
      type: 'RecordPbxMembership',
      commandId: randomUUID(),
      agentId: plan.agentId,
      at: new Date().toISOString(),
      via: 'system',
      pbxId: plan.pbxId,
      queue: plan.queue,
      interface: plan.interface,
      observed: plan.expected,
    });
  }

  private async flag(plan: MembershipPlan, attempts: number, logoutReason: string | undefined): Promise<void> {
    this.metrics.unconfirmed.inc({ action: plan.action.action });
    const stillHeld = plan.expected.member === 'absent';
    if (stillHeld) this.metrics.stillHeld.inc({ reason: logoutReason ?? 'repair' });
    this.logger.error(
      `${plan.pbxId} did not confirm ${plan.action.action} of ${plan.interface} in ${plan.queue} for agent ${plan.agentId} after ${attempts} attempts${stillHeld ? ': Asterisk still holds the member and may deliver calls to it' : ''}`,
    );
    await this.commands.execute({
      type: 'FlagUnconfirmed',
      commandId: randomUUID(),
      agentId: plan.agentId,
      at: new Date().toISOString(),
      via: 'system',
      pbxId: plan.pbxId,
      queue: plan.queue,
      interface: plan.interface,
      expected: plan.expected,
      attempts,
    });
  }

  private report(plan: MembershipPlan, confirmation: Confirmation, attempts: number): ConfirmationReport {
    return { queue: plan.queue, interface: plan.interface, action: plan.action.action, confirmation, attempts };
  }
}
