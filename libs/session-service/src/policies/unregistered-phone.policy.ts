import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { loggedInQueues, phoneByLine, sessionIn, type Directory } from '@switchboard/agent-domain';
import type { DeviceStateChanged, PeerStatusChanged } from '@switchboard/contracts';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { PhoneClaims } from '../phones/phone-claims.service';
import { DIRECTORY } from '../tokens';
import { POLICY_OPTIONS, type PolicyOptions } from './policy-options';

/**
 * Auto-logout of agents whose phone unregistered (PeerStatus Unregistered, or its device turned
 * UNAVAILABLE) and stayed so for the grace period: a phone rebooting comes back in time, a phone
 * unplugged at the end of the day does not.
 *
 * The unregistration is recorded on the phone's stream (`phone-<id>` of a shared phone, else of the
 * agent's own line, `phone-sip-1002`): its time plus the grace is the deadline, and re-registering
 * records the phone back, which cancels it. So no replica's memory holds the deadline: every
 * replica looks, on start and every POLICY_TICK_MS, for phones still unregistered past their
 * deadline with agents logged in on them since before it, and logs those agents out. Two replicas
 * doing so at once log out once: the command id is the unregistration's (phone, time, agent), and
 * the agent's stream is appended with the revision read, so the second sees the first's logout
 * (a duplicate, not carried out again). The replica that saw the event also keeps a timer to the
 * deadline, so the logout comes on time rather than up to a tick late.
 */
@Injectable()
export class UnregisteredPhonePolicy implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UnregisteredPhonePolicy.name);
  private readonly graces = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private ticker: NodeJS.Timeout | null = null;

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICY_OPTIONS) private readonly options: PolicyOptions,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
    private readonly phones: PhoneClaims,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.unregisteredGraceMs === 0) return;
    // On start: a deadline may have passed while no replica was running, or on one that crashed.
    setImmediate(() => this.track(this.tick(new Date())));
    this.ticker = setInterval(() => this.track(this.tick(new Date())), this.options.tickMs);
  }

  async peerStatus(event: PeerStatusChanged): Promise<void> {
    const status = event.data.peerStatus.toLowerCase();
    if (status === 'unregistered' || status === 'unreachable') await this.gone(event.data.peer, event.type, event.metadata.occurredAt);
    else if (status === 'registered' || status === 'reachable') await this.back(event.data.peer, event.type, event.metadata.occurredAt);
  }

  async deviceState(event: DeviceStateChanged): Promise<void> {
    if (event.data.state === 'UNAVAILABLE') await this.gone(event.data.device, event.type, event.metadata.occurredAt);
    else if (event.data.state !== 'UNKNOWN' && event.data.state !== 'INVALID') await this.back(event.data.device, event.type, event.metadata.occurredAt);
  }

  /** Phones this replica keeps a timer for (tests, health): the others are found by the tick. */
  get waiting(): readonly string[] {
    return [...this.graces.keys()];
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    for (const timer of this.graces.values()) clearTimeout(timer);
    this.graces.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Logs out the agents of every phone whose deadline is past at `now`; returns the agents logged
   * out by this call (not those another replica logged out first).
   */
  async tick(now: Date): Promise<string[]> {
    if (this.options.unregisteredGraceMs === 0) return [];
    const out: string[] = [];
    for (const [device, agentIds] of await this.devicesInUse()) out.push(...(await this.logOutIfPast(device, agentIds, now)));
    return out;
  }

  private async gone(device: string, source: string, observedAt: string): Promise<void> {
    if (this.options.unregisteredGraceMs === 0 || !this.isPhone(device)) return;
    await this.record(device, false, source, observedAt);
    if (this.graces.has(device)) return;
    const wait = Math.max(0, Date.parse(observedAt) + this.options.unregisteredGraceMs - Date.now());
    const timer = setTimeout(() => {
      this.graces.delete(device);
      this.track(this.logOutOn(device, new Date()));
    }, wait);
    this.graces.set(device, timer);
  }

  private async back(device: string, source: string, observedAt: string): Promise<void> {
    if (this.options.unregisteredGraceMs === 0 || !this.isPhone(device)) return;
    const timer = this.graces.get(device);
    if (timer) clearTimeout(timer);
    this.graces.delete(device);
    await this.record(device, true, source, observedAt);
  }

  /** Recorded before the PBX event is acknowledged: a crash now redelivers it to another replica. */
  private async record(device: string, registered: boolean, source: string, observedAt: string): Promise<void> {
    await this.phones.recordRegistration({
      type: 'RecordRegistration',
      commandId: `registration-${device}-${observedAt}`,
      at: observedAt,
      phoneId: this.phoneIdOf(device),
      line: device,
      registered,
      source,
      observedAt,
    });
  }

  private async logOutOn(device: string, now: Date): Promise<void> {
    const agentIds = (await this.devicesInUse()).get(device);
    if (agentIds) await this.logOutIfPast(device, agentIds, now);
  }

  private async logOutIfPast(device: string, agentIds: readonly string[], now: Date): Promise<string[]> {
    const registration = (await this.phones.phone(this.phoneIdOf(device))).registration;
    if (registration.status !== 'unregistered') return [];
    const deadline = Date.parse(registration.observedAt) + this.options.unregisteredGraceMs;
    if (deadline > now.getTime()) return [];
    const out: string[] = [];
    for (const agentId of agentIds) {
      // Only sessions that were on the phone when its grace ran out: logging in again afterwards
      // is the agent's choice, not this unregistration's to undo.
      const state = await this.commands.state(agentId);
      const onPhoneInTime = loggedInQueues(state).some((queue) => {
        const s = sessionIn(state, queue);
        return s.status === 'logged-in' && s.stateInterface === device && Date.parse(s.since) <= deadline;
      });
      if (!onPhoneInTime) continue;
      const result = await this.commands.execute({
        type: 'LogOutEverywhere',
        commandId: `phone-unregistered-${device}-${registration.observedAt}-${agentId}`,
        agentId,
        at: now.toISOString(),
        via: 'system',
        reason: 'phone-unregistered',
      });
      if (result.duplicate || result.events.length === 0) continue;
      this.logger.warn(`agent ${agentId} logged out: ${device} unregistered since ${registration.observedAt} (grace ${this.options.unregisteredGraceMs} ms)`);
      await this.executor.carryOut(result.events);
      out.push(agentId);
    }
    return out;
  }

  /** The phones agents are logged in on now, with those agents. */
  private async devicesInUse(): Promise<Map<string, string[]>> {
    const devices = new Map<string, string[]>();
    for (const agent of this.directory.agents) {
      const state = await this.commands.state(agent.id);
      for (const queue of loggedInQueues(state)) {
        const session = sessionIn(state, queue);
        if (session.status !== 'logged-in' || !this.isPhone(session.stateInterface)) continue;
        const agents = devices.get(session.stateInterface) ?? [];
        if (!agents.includes(agent.id)) agents.push(agent.id);
        devices.set(session.stateInterface, agents);
      }
    }
    return devices;
  }

  /** A phone of the directory, or an agent's own line: the devices that register. */
  private isPhone(device: string): boolean {
    return phoneByLine(this.directory, device)?.line === device || this.directory.agents.some((a) => a.line === device);
  }

  /** A shared phone's stream is its id's; an agent's own line has a stream named after the line. */
  private phoneIdOf(device: string): string {
    const phone = phoneByLine(this.directory, device);
    return phone && phone.line === device ? phone.id : device;
  }

  private track(run: Promise<unknown>): void {
    const tracked = run.catch((error: unknown) => this.logger.warn(`unregistered-phone auto-logout failed: ${(error as Error).message}`));
    this.inFlight.add(tracked);
    void tracked.then(() => this.inFlight.delete(tracked));
  }
}
