import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { loggedInQueues, sessionIn, type Directory } from '@switchboard/agent-domain';
import type { DeviceStateChanged, PeerStatusChanged } from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { DIRECTORY } from '../tokens';
import { POLICY_OPTIONS, type PolicyOptions } from './policy-options';

/**
 * Auto-logout of agents whose phone unregistered (PeerStatus Unregistered, or its device turned
 * UNAVAILABLE) and stayed so for the grace period: a phone rebooting comes back in time, a phone
 * unplugged at the end of the day does not. The grace timers live in this replica: with several
 * replicas the register event may reach another one, which is why the logout re-reads nothing
 * but the sessions (an agent already gone is left alone).
 */
@Injectable()
export class UnregisteredPhonePolicy implements BeforeApplicationShutdown {
  private readonly logger = new Logger(UnregisteredPhonePolicy.name);
  private readonly graces = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICY_OPTIONS) private readonly options: PolicyOptions,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
  ) {}

  peerStatus(event: PeerStatusChanged): void {
    const status = event.data.peerStatus.toLowerCase();
    if (status === 'unregistered' || status === 'unreachable') this.gone(event.data.peer);
    else if (status === 'registered' || status === 'reachable') this.back(event.data.peer);
  }

  deviceState(event: DeviceStateChanged): void {
    if (event.data.state === 'UNAVAILABLE') this.gone(event.data.device);
    else if (event.data.state !== 'UNKNOWN' && event.data.state !== 'INVALID') this.back(event.data.device);
  }

  /** Phones waiting out their grace (tests, health). */
  get waiting(): readonly string[] {
    return [...this.graces.keys()];
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.graces.values()) clearTimeout(timer);
    this.graces.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private gone(device: string): void {
    if (this.options.unregisteredGraceMs === 0 || this.graces.has(device)) return;
    const timer = setTimeout(() => {
      this.graces.delete(device);
      const run = this.logOutAgentsOn(device).catch((error: unknown) => {
        this.logger.warn(`auto-logout for unregistered ${device} failed: ${(error as Error).message}`);
      });
      this.inFlight.add(run);
      void run.then(() => this.inFlight.delete(run));
    }, this.options.unregisteredGraceMs);
    this.graces.set(device, timer);
  }

  private back(device: string): void {
    const timer = this.graces.get(device);
    if (timer) clearTimeout(timer);
    this.graces.delete(device);
  }

  private async logOutAgentsOn(device: string): Promise<void> {
    for (const agent of this.directory.agents) {
      const state = await this.commands.state(agent.id);
      const onDevice = loggedInQueues(state).some((q) => {
        const s = sessionIn(state, q);
        return s.status === 'logged-in' && s.stateInterface === device;
      });
      if (!onDevice) continue;
      const result = await this.commands.execute({ type: 'LogOutEverywhere', commandId: randomUUID(), agentId: agent.id, at: new Date().toISOString(), via: 'system', reason: 'phone-unregistered' });
      this.logger.warn(`agent ${agent.id} logged out: ${device} unregistered for ${this.options.unregisteredGraceMs} ms`);
      await this.executor.carryOut(result.events);
    }
  }
}
