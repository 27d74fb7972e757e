import { Inject, Injectable } from '@nestjs/common';
import {
  agentById,
  bindingForTarget,
  hasOwnLine,
  isAgentPoolAgent,
  loggedInQueues,
  mayTakeOverStale,
  memberBindingFor,
  phoneById,
  sessionIn,
  type AgentEntry,
  type AgentState,
  type Directory,
  type QueueOutcome,
  type RingTarget,
} from '@switchboard/agent-domain';
import type { MemberBinding, RequestChannel } from '@switchboard/contracts';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor, type ExecutionReport } from '../commands/decision-executor';
import { DIRECTORY } from '../tokens';
import { LoginRefused } from './login-refused';
import { MobileClaims } from './mobile-claims.service';
import { PhoneClaims } from './phone-claims.service';
import { PhoneListings } from './phone-listings.service';
import { PhoneUserState } from './phone-user-state';

export interface SessionRequest {
  readonly via: RequestChannel;
  /** Unique per request; the commands it issues derive their ids from it (redelivery-safe). */
  readonly commandId: string;
  readonly at: string;
  /** Default: every queue of the agent. */
  readonly queues?: readonly string[];
}

export interface LoginRequest extends SessionRequest {
  /**
   * Force-login (PIN short code, IVR): a session elsewhere is ended first and an agent sitting at
   * the phone is displaced. Without it, either answers already_logged_in / phone_in_use.
   */
  readonly force: boolean;
  /** The desktop's hot-desk rules: the phone must be one the available list offers. */
  readonly onlyAvailablePhones: boolean;
}

export interface SessionResult {
  readonly outcomes: readonly QueueOutcome[];
  readonly pbx: readonly ExecutionReport[];
  readonly state: AgentState;
  /** The shared phone the agent sits at afterwards, if any. */
  readonly phoneId: string | null;
}

/**
 * Logging in and out wherever calls ring — own line, a shared phone (hot desk, force-login), the
 * browser softphone, a mobile — for every entry point: the HTTP API, PIN short codes, the IVR.
 * Queue sessions are Agent decisions; the phone is claimed on its own stream before the login
 * and released after the last queue is left.
 */
@Injectable()
export class AgentLogins {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
    private readonly claims: PhoneClaims,
    private readonly listings: PhoneListings,
    private readonly userState: PhoneUserState,
    private readonly mobiles: MobileClaims,
  ) {}

  async logIn(agent: AgentEntry, target: RingTarget, request: LoginRequest): Promise<SessionResult> {
    const binding = bindingForTarget(agent, target);
    if (!binding) throw new LoginRefused('invalid_input', whyNoBinding(agent, target));
    const queues = request.queues ?? agent.queues;
    if (queues.length === 0) throw new LoginRefused('invalid_input', `agent ${agent.id} works no queue`);
    const pbx: ExecutionReport[] = [];

    const before = await this.commands.state(agent.id);
    const elsewhere = loggedInQueues(before).filter((q) => interfaceIn(before, q) !== binding.interface);
    if (elsewhere.length > 0 && !request.force)
      throw new LoginRefused('already_logged_in', `agent ${agent.id} is logged in on ${interfaceIn(before, elsewhere[0])}: log out first`);
    // Before anything is left or taken: a number another agent rings on refuses the login here.
    const mobile = target.kind === 'mobile' ? target.number : undefined;
    if (mobile) await this.claimMobile(agent.id, mobile, binding.interface, request);
    if (elsewhere.length > 0) pbx.push(...(await this.leaveQueues(agent.id, elsewhere, binding, request, 'moved')));

    let phoneId: string | null = null;
    if (target.kind === 'phone') {
      phoneId = target.phone.id;
      const stale = request.onlyAvailablePhones ? await this.assertOffered(agent.id, phoneId, request.at) : undefined;
      const holder = await this.claims.phone(phoneId);
      const takeOver = stale
        ? { from: stale, reason: 'stale' as const }
        : request.force && holder.status === 'claimed' && holder.agentId !== agent.id
          ? { from: holder.agentId, reason: 'displaced' as const }
          : undefined;
      const claim = await this.claims.claim({
        agentId: agent.id,
        phoneId,
        via: request.via,
        commandId: `${request.commandId}:claim`,
        at: request.at,
        mayMove: true,
        ...(takeOver ? { takeOver } : {}),
      });
      if (claim.displaced) pbx.push(...(await this.displace(claim.displaced, phoneId, binding, request, takeOver?.reason ?? 'displaced')));
      if (claim.left) await this.showUser(claim.left, false, request.commandId);
    } else {
      // Calls ring elsewhere now: a shared phone the agent held is free for others.
      const held = await this.claims.heldBy(agent.id);
      if (held) await this.releasePhone(agent.id, held, 'moved', request);
    }

    const result = await this.commands
      .execute({
        type: 'ChangeQueueLogin',
        commandId: `${request.commandId}:login`,
        agentId: agent.id,
        at: request.at,
        via: request.via,
        correlationId: request.commandId,
        pbxId: this.directory.pbxId,
        mode: 'login',
        queues,
        binding,
      })
      .catch(async (error: unknown) => {
        // Refused (the directory is taking the agent away meanwhile): the phone or the number
        // claimed for this login is given back, so the agent holds nothing without a session.
        if (error instanceof LoginRefused) {
          if (phoneId) await this.claims.release(agent.id, phoneId, 'unconfirmed', request.via, `${request.commandId}:refused`, request.at);
          if (mobile)
            await this.mobiles.decide({ type: 'ReleaseMobileNumber', commandId: `${request.commandId}:refused`, at: request.at, number: mobile, agentId: agent.id, reason: 'refused' });
        }
        throw error;
      });
    pbx.push(...(await this.executor.carryOut(result.events, request.commandId)));
    if (phoneId) await this.showUser(phoneId, true, request.commandId);
    return { outcomes: result.decision.outcomes, pbx, state: result.state, phoneId };
  }

  /** Logs out of the queues (default all); after the last one, the shared phone is let go. */
  async logOut(agent: AgentEntry, request: SessionRequest): Promise<SessionResult> {
    const before = await this.commands.state(agent.id);
    const queues = request.queues ?? agent.queues;
    const binding = currentBinding(before) ?? (hasOwnLine(agent) ? memberBindingFor(agent) : undefined);
    let outcomes: readonly QueueOutcome[];
    let pbx: ExecutionReport[] = [];
    let state = before;
    if (binding && queues.length > 0) {
      const result = await this.commands.execute({
        type: 'ChangeQueueLogin',
        commandId: `${request.commandId}:logout`,
        agentId: agent.id,
        at: request.at,
        via: request.via,
        correlationId: request.commandId,
        pbxId: this.directory.pbxId,
        mode: 'logout',
        queues,
        binding,
      });
      pbx = await this.executor.carryOut(result.events, request.commandId);
      outcomes = result.decision.outcomes;
      state = result.state;
    } else {
      // Never logged in and nowhere to ring: nothing to decide.
      outcomes = queues.map((queue) => ({ queue, result: 'already-logged-out' as const }));
    }
    let phoneId = await this.claims.heldBy(agent.id);
    if (phoneId && loggedInQueues(state).length === 0) {
      await this.releasePhone(agent.id, phoneId, 'logout', request);
      phoneId = undefined;
    }
    return { outcomes, pbx, state, phoneId: phoneId ?? null };
  }

  /** Who sits at a shared phone now (a live or stale claim), if anyone. */
  async holderOfPhone(phoneId: string): Promise<AgentEntry | undefined> {
    const state = await this.claims.phone(phoneId);
    return state.status === 'claimed' ? agentById(this.directory, state.agentId) : undefined;
  }

  /** A supervisor's release of a phone: the holder's queues bound to it are left too. */
  async releaseBySupervisor(phoneId: string, request: SessionRequest): Promise<{ released: string | null }> {
    const holder = await this.holderOfPhone(phoneId);
    if (!holder) return { released: null };
    const phone = phoneById(this.directory, phoneId);
    if (phone) await this.displace(holder.id, phoneId, bindingForTarget(holder, { kind: 'phone', phone }) as MemberBinding, request, 'supervisor');
    await this.claims.release(holder.id, phoneId, 'supervisor', request.via, `${request.commandId}:release`, request.at);
    await this.showUser(phoneId, false, request.commandId);
    return { released: holder.id };
  }

  /**
   * Claims the number for the agent (mobile_in_use when another agent's calls ring there). A
   * holder whose calls no longer ring there (a logout whose release was lost) may be taken over.
   */
  private async claimMobile(agentId: string, number: string, memberInterface: string, request: SessionRequest): Promise<void> {
    const holder = await this.mobiles.holder(number);
    const other = holder.status === 'claimed' && holder.agentId !== agentId ? holder.agentId : undefined;
    const stale = other !== undefined && !(await this.ringsOn(other, memberInterface));
    await this.mobiles.decide({
      type: 'ClaimMobileNumber',
      commandId: `${request.commandId}:mobile`,
      at: request.at,
      number,
      agentId,
      via: request.via,
      ...(stale ? { staleHolder: other } : {}),
    });
  }

  private async ringsOn(agentId: string, memberInterface: string): Promise<boolean> {
    const state = await this.commands.state(agentId);
    return loggedInQueues(state).some((q) => interfaceIn(state, q) === memberInterface);
  }

  /** Refuses a phone the hot-desk rules do not offer; answers the stale holder the site's policy
   *  lets this login take the phone from, if any. */
  private async assertOffered(agentId: string, phoneId: string, now: string): Promise<string | undefined> {
    const listing = (await this.listings.all(agentId, now)).find((l) => l.id === phoneId);
    if (!listing) throw new LoginRefused('invalid_input', `phone ${phoneId} is not in the directory`);
    if (listing.availability === 'in-use') throw new LoginRefused('phone_in_use', `phone ${phoneId} is in use by another agent`);
    if (mayTakeOverStale(listing, this.directory.hotDeskPolicy, now)) return listing.heldBy ?? undefined;
    if (listing.availability === 'stale')
      throw new LoginRefused('phone_not_available', `phone ${phoneId} is held by a session that ended without a logout: a supervisor can release it`);
    const offered = (await this.listings.available(agentId, now)).some((l) => l.id === phoneId);
    if (!offered) throw new LoginRefused('phone_not_available', `phone ${phoneId} is not registered`);
    return undefined;
  }

  /** The agent a force-login or a supervisor took the phone from leaves the queues it rang there. */
  private async displace(
    agentId: string,
    phoneId: string,
    phoneBinding: MemberBinding,
    request: SessionRequest,
    reason: 'displaced' | 'supervisor' | 'stale' = 'displaced',
  ): Promise<ExecutionReport[]> {
    const state = await this.commands.state(agentId);
    const there = loggedInQueues(state).filter((q) => interfaceIn(state, q) === phoneBinding.interface);
    const reports = there.length ? await this.leaveQueues(agentId, there, phoneBinding, request, reason) : [];
    await this.claims.leaveSeat(agentId, phoneId, reason, `${request.commandId}:${reason}-seat`, request.at);
    return reports;
  }

  private async leaveQueues(agentId: string, queues: readonly string[], binding: MemberBinding, request: SessionRequest, step: string): Promise<ExecutionReport[]> {
    const result = await this.commands.execute({
      type: 'ChangeQueueLogin',
      commandId: `${request.commandId}:${step}-${agentId}`,
      agentId,
      at: request.at,
      via: request.via,
      correlationId: request.commandId,
      pbxId: this.directory.pbxId,
      mode: 'logout',
      queues,
      binding,
    });
    return this.executor.carryOut(result.events, request.commandId);
  }

  private async releasePhone(agentId: string, phoneId: string, reason: 'logout' | 'moved', request: SessionRequest): Promise<void> {
    await this.claims.release(agentId, phoneId, reason, request.via, `${request.commandId}:release-${phoneId}`, request.at);
    await this.showUser(phoneId, false, request.commandId);
  }

  private async showUser(phoneId: string, occupied: boolean, correlationId: string): Promise<void> {
    const phone = phoneById(this.directory, phoneId);
    if (phone) await this.userState.show(this.directory.pbxId, phone, occupied, correlationId);
  }
}

function interfaceIn(state: AgentState, queue: string): string | undefined {
  const session = sessionIn(state, queue);
  return session.status === 'logged-in' ? session.interface : undefined;
}

/** The membership of the agent's current session (every logged-in queue shares one). */
function currentBinding(state: AgentState): MemberBinding | undefined {
  for (const queue of loggedInQueues(state)) {
    const s = sessionIn(state, queue);
    if (s.status === 'logged-in') return { interface: s.interface, stateInterface: s.stateInterface, memberName: s.memberName };
  }
  return undefined;
}

/** Why a ring target gives the agent no queue member, in the words the desktop shows. */
function whyNoBinding(agent: AgentEntry, target: RingTarget): string {
  if (isAgentPoolAgent(agent) && target.kind !== 'own-line')
    return `agent ${agent.id} is an agent-pool agent: calls reach it where it sits in AgentLogin (*38), not on a ${target.kind}`;
  if (target.kind === 'own-line') return `agent ${agent.id} has no line of its own: pick a phone`;
  return 'the number must be 3 to 20 digits, + first allowed';
}
