import { Inject, Injectable, Logger } from '@nestjs/common';
import { agentsSnapshot, queueStatusSnapshot } from '@switchboard/ami';
import { isLoggedIn, type Directory } from '@switchboard/agent-domain';
import type { AgentsSnapshot, AgentStreamEvent, ObservedMember, QueueMemberData } from '@switchboard/contracts';
import type { ConfirmationReport } from '../reactor/confirmation-follower';
import { METRICS } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { blfAction } from '../reactor/blf';
import { PbxClient } from '../pbx/pbx-client';
import { REACTOR_OPTIONS, type ReactorOptions } from '../reactor/reactor-options';
import { DIRECTORY } from '../tokens';
import { agentOfMember } from './member-owner';
import { poolRepairsOf, poolResyncCommand } from './agent-pool-resync';
import { reconciliationMetrics, type ReconciliationMetrics } from './reconciliation.metrics';

export type ReconcileTrigger = 'connected' | 'fully-booted' | 'requested' | 'timer';

export interface ReconcileSummary {
  readonly pbxId: string;
  readonly snapshotId: string;
  readonly repairs: number;
  readonly foreignMembers: number;
}

/**
 * Makes a PBX follow the sessions: its members (a QueueStatus snapshot) are grouped by agent and
 * each agent's Reconcile command decides the repairs, recorded with their reason on the agent's
 * stream and then carried out like any decision. Static members (queues.conf) are the PBX's own
 * and never touched; dynamic members that are no agent's are counted and left alone, since no
 * agent stream could record why they were removed.
 */
export interface AgentSweep {
  readonly checked: boolean;
  readonly repairs: number;
  readonly confirmations: readonly ConfirmationReport[];
}

@Injectable()
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);
  private readonly metrics: ReconciliationMetrics;
  /** Runs finished on this replica (readiness of tests; the metric counts runs started). */
  completedRuns = 0;
  /** Agents lists compared with the seats on this replica (readiness of tests). */
  completedPoolResyncs = 0;

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
    private readonly pbx: PbxClient,
    @Inject(REACTOR_OPTIONS) private readonly options: ReactorOptions,
    @Inject(METRICS) registry: Registry,
  ) {
    this.metrics = reconciliationMetrics(registry);
  }

  async reconcile(
    pbxId: string,
    members: readonly QueueMemberData[],
    snapshotId: string,
    trigger: ReconcileTrigger,
    takenAt: Date,
  ): Promise<ReconcileSummary> {
    const settledBefore = this.settledBefore(takenAt);
    this.metrics.runs.inc({ pbx: pbxId, trigger });
    const byAgent = new Map<string, ObservedMember[]>();
    let foreign = 0;
    for (const m of members) {
      if (m.membership === 'static') continue;
      const agentId = agentOfMember(this.directory, m);
      if (agentId === undefined) {
        foreign++;
        this.logger.warn(`${pbxId}: member ${m.interface} (${m.memberName}) of ${m.queue} is no agent's: left alone`);
        continue;
      }
      const list = byAgent.get(agentId) ?? [];
      list.push({ queue: m.queue, interface: m.interface, paused: m.paused });
      byAgent.set(agentId, list);
    }
    this.metrics.foreignMembers.inc({ pbx: pbxId }, foreign);
    let repairs = 0;
    for (const agent of this.directory.agents) {
      const result = await this.commands.execute({
        type: 'Reconcile',
        commandId: randomUUID(),
        agentId: agent.id,
        at: new Date().toISOString(),
        via: 'system',
        pbxId,
        snapshotId,
        settledBefore,
        members: byAgent.get(agent.id) ?? [],
      });
      repairs += this.countRepairs(pbxId, agent.id, result.events);
      await this.executor.carryOut(result.events);
      // After a (re)connect Asterisk may have lost custom device states: light the keys again.
      if (trigger === 'connected' || trigger === 'fully-booted') {
        for (const queue of agent.queues) {
          await this.pbx.execute(pbxId, blfAction(agent.id, queue, isLoggedIn(result.state, queue)));
        }
      }
    }
    this.completedRuns++;
    return { pbxId, snapshotId, repairs, foreignMembers: foreign };
  }

  /**
   * Checks one agent against the PBX now and repairs it, waiting until the PBX showed every
   * repair: the sweep after a force logout. `checked` is false when the PBX could not be asked.
   */
  async reconcileAgent(pbxId: string, agentId: string): Promise<AgentSweep> {
    const takenAt = new Date();
    const reply = await this.pbx.execute(pbxId, { action: 'QueueStatus' });
    if (!reply.ok) return { checked: false, repairs: 0, confirmations: [] };
    const members = queueStatusSnapshot(reply, 'requested')
      .members.filter((m) => m.membership !== 'static' && agentOfMember(this.directory, m) === agentId)
      .map((m) => ({ queue: m.queue, interface: m.interface, paused: m.paused }));
    const result = await this.commands.execute({
      type: 'Reconcile',
      commandId: randomUUID(),
      agentId,
      at: new Date().toISOString(),
      via: 'system',
      pbxId,
      snapshotId: `agent-${agentId}:${randomUUID()}`,
      // The sweep runs after the logout was confirmed: every decision so far must show.
      settledBefore: takenAt.toISOString(),
      members,
    });
    this.countRepairs(pbxId, agentId, result.events);
    const done = await this.executor.carryOutVerified(result.events);
    return { checked: true, repairs: done.confirmations.length, confirmations: done.confirmations };
  }

  /**
   * Decisions younger than the confirmation timeout when the snapshot was taken may not show in
   * it yet; the reactor is following them (and retries or flags them itself).
   */
  private settledBefore(takenAt: Date): string {
    return new Date(takenAt.getTime() - this.options.confirmTimeoutMs).toISOString();
  }

  private countRepairs(pbxId: string, agentId: string, events: readonly AgentStreamEvent[]): number {
    let repairs = 0;
    for (const event of events) {
      if (event.type !== 'MembershipRepaired') continue;
      repairs++;
      this.metrics.repairs.inc({ pbx: pbxId, repair: event.data.repair, reason: event.data.reason });
      this.logger.warn(`${pbxId}: ${event.data.repair} ${event.data.interface} in ${event.data.queue} for agent ${agentId} (${event.data.reason})`);
    }
    return repairs;
  }

  /**
   * Asks the PBX for its members now (QueueStatus) and reconciles with them; where the site has
   * app_agent_pool agents, their seats too (Agents), since an AgentLogoff can be missed any time
   * the gateway is away.
   */
  async reconcileNow(pbxId: string, trigger: ReconcileTrigger): Promise<ReconcileSummary | undefined> {
    const takenAt = new Date();
    const reply = await this.pbx.execute(pbxId, { action: 'QueueStatus' });
    if (!reply.ok) {
      this.logger.warn(`${pbxId}: QueueStatus for reconciliation failed: ${reply.message}`);
      return undefined;
    }
    const summary = await this.reconcile(pbxId, queueStatusSnapshot(reply, 'requested').members, `${trigger}:${randomUUID()}`, trigger, takenAt);
    if (this.directory.agents.some((a) => a.membership === 'agent-pool')) await this.resyncAgentPoolNow(pbxId, trigger);
    return summary;
  }

  private async resyncAgentPoolNow(pbxId: string, trigger: ReconcileTrigger): Promise<void> {
    const askedAt = new Date().toISOString();
    const reply = await this.pbx.execute(pbxId, { action: 'Agents' });
    if (!reply.ok) {
      this.logger.warn(`${pbxId}: Agents for reconciliation failed: ${reply.message}`);
      return;
    }
    await this.resyncAgentPool(pbxId, agentsSnapshot(reply, 'requested', askedAt), `${trigger}:${randomUUID()}`);
  }

  /**
   * Makes the recorded app_agent_pool seats follow an AMI Agents list: a seat the PBX no longer
   * shows (an AgentLogoff missed while the gateway was away) is released, a seat it shows and the
   * stream lacks is recorded; each an event with the reason `pbx-resync`, counted as a repair.
   * Returns how many seats were repaired.
   */
  async resyncAgentPool(pbxId: string, snapshot: AgentsSnapshot['data'], snapshotId: string): Promise<number> {
    let repairs = 0;
    for (const agent of this.directory.agents) {
      const command = poolResyncCommand(pbxId, snapshotId, snapshot, agent.id, await this.commands.state(agent.id), new Date().toISOString());
      if (!command) continue;
      const result = await this.commands.execute(command);
      if (result.duplicate) continue;
      for (const r of poolRepairsOf(result.events)) {
        repairs++;
        this.metrics.repairs.inc({ pbx: pbxId, repair: r.repair, reason: r.reason });
        this.logger.warn(`${pbxId}: app_agent_pool ${r.repair} ${r.channel} for agent ${agent.id} (${r.reason})`);
      }
    }
    this.completedPoolResyncs++;
    return repairs;
  }
}
