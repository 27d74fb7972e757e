import { Inject, Injectable } from '@nestjs/common';
import {
  AgentDomainError,
  PhoneDomainError,
  agentById,
  agentByLine,
  isMobileNumber,
  isPauseReasonAllowed,
  loggedInQueues,
  phoneByLine,
  type AgentEntry,
  type Directory,
  type IvrIntent,
  type PinLoginIntent,
  type RingTarget,
} from '@switchboard/agent-domain';
import { assertNever, type FeatureCodeDialed, type RequestChannel } from '@switchboard/contracts';
import { PinChecker } from '../auth/pin-checker';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { AgentLogins, type SessionResult } from '../phones/agent-logins.service';
import { LoginRefused } from '../phones/login-refused';
import { DIRECTORY } from '../tokens';
import type { Announcement } from './announcements';
import { lineOfChannel } from './line-of-channel';
import { pauseAnnouncement, sessionAnnouncement } from './outcome-announcement';

export interface FlowResult {
  readonly announcement: Announcement;
  readonly agentId?: string;
  /** For the log: never holds the code or the PIN. */
  readonly reason?: string;
}

/** What the IVR pauses with: the menu asks for no reason, so the reason says where it came from,
 *  unless the site allows only its configured reasons: then the first of them. */
export const IVR_PAUSE_REASON = 'IVR';

export function ivrPauseReason(directory: Directory): string {
  return isPauseReasonAllowed(directory, IVR_PAUSE_REASON) ? IVR_PAUSE_REASON : (directory.pauseReasons?.[0]?.code ?? IVR_PAUSE_REASON);
}

/**
 * The PIN short codes and the remote IVR: `*35*EXT*PIN#` / `#EXT` force-login on the dialling
 * phone, `*36` logoff of the phone's user, and the IVR's `*37*…` requests from any number. Every
 * PIN goes through the lockout (PinChecker) before anything is decided.
 */
@Injectable()
export class PinCodeFlows {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly pins: PinChecker,
    private readonly logins: AgentLogins,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
  ) {}

  /** Force-login of agent EXT where the call comes from: a shared phone, or the agent's own line. */
  async forceLogin(event: FeatureCodeDialed, intent: PinLoginIntent, commandId: string): Promise<FlowResult> {
    const line = lineOfChannel(event.data.channel) ?? event.data.caller;
    const phone = phoneByLine(this.directory, line);
    const owner = agentByLine(this.directory, line);
    const target: RingTarget | undefined = phone ? { kind: 'phone', phone } : owner?.id === intent.agentId ? { kind: 'own-line' } : undefined;
    if (!target) return { announcement: 'refused', reason: `line ${line} is no shared phone` };
    const at = event.metadata.occurredAt;
    return this.withPin(intent, 'feature-code', commandId, at, (agent) => this.logIn(agent, target, 'feature-code', commandId, at));
  }

  /** `*36`: whoever sits at the dialling phone is logged off everywhere, and the phone shows no user. */
  async phoneLogoff(event: FeatureCodeDialed, commandId: string): Promise<FlowResult> {
    const line = lineOfChannel(event.data.channel) ?? event.data.caller;
    const phone = phoneByLine(this.directory, line);
    const agent = phone ? await this.logins.holderOfPhone(phone.id) : agentByLine(this.directory, line);
    if (!phone && !agent) return { announcement: 'refused', reason: `line ${line} is no shared phone and no agent's` };
    // Nobody sits at the phone: it already shows no user.
    if (!agent) return { announcement: 'already-logged-out' };
    const result = await this.logins.logOut(agent, { via: 'feature-code', commandId, at: event.metadata.occurredAt });
    return { announcement: announcementOf(result), agentId: agent.id };
  }

  /** The remote IVR: the agent is known by number and PIN, not by the line it calls from. */
  async ivr(event: FeatureCodeDialed, intent: IvrIntent, commandId: string): Promise<FlowResult> {
    const at = event.metadata.occurredAt;
    return this.withPin(intent, 'ivr', commandId, at, async (agent) => {
      const request = intent.request;
      switch (request.action) {
        case 'login-at-number':
          if (!isMobileNumber(request.number)) return { announcement: 'refused', agentId: agent.id, reason: 'not a number to ring' };
          return this.logIn(agent, { kind: 'mobile', number: request.number }, 'ivr', commandId, at);
        case 'login-own-line':
          if (agent.line === undefined) return { announcement: 'refused', agentId: agent.id, reason: 'agent has no line of its own' };
          return this.logIn(agent, { kind: 'own-line' }, 'ivr', commandId, at);
        case 'logout':
          return { announcement: announcementOf(await this.logins.logOut(agent, { via: 'ivr', commandId, at })), agentId: agent.id };
        case 'pause':
        case 'unpause':
          return this.pauseOrUnpause(agent, request.action, commandId, at);
        default:
          return assertNever(request, 'IVR request');
      }
    });
  }

  private async withPin(
    intent: PinLoginIntent | IvrIntent,
    via: RequestChannel,
    commandId: string,
    at: string,
    then: (agent: AgentEntry) => Promise<FlowResult>,
  ): Promise<FlowResult> {
    const agent = agentById(this.directory, intent.agentId);
    // An unknown agent number sounds like a wrong PIN: the phone must not confirm numbers.
    if (!agent) return { announcement: 'invalid-pin', reason: 'unknown agent number' };
    const verdict = await this.pins.check(agent, { secret: intent.pin, via, commandId: `${commandId}:pin`, at, acceptPassword: false });
    switch (verdict.verdict) {
      case 'accepted':
        return then(agent);
      case 'rejected':
        return { announcement: 'invalid-pin', agentId: agent.id, reason: `wrong PIN, ${verdict.attemptsLeft} tries left` };
      case 'locked-out':
        return { announcement: 'locked-out', agentId: agent.id, reason: `locked out until ${verdict.until}` };
      default:
        return assertNever(verdict, 'PIN verdict');
    }
  }

  private async logIn(agent: AgentEntry, target: RingTarget, via: RequestChannel, commandId: string, at: string): Promise<FlowResult> {
    try {
      const result = await this.logins.logIn(agent, target, { via, commandId, at, force: true, onlyAvailablePhones: false });
      return { announcement: announcementOf(result), agentId: agent.id };
    } catch (error) {
      if (error instanceof LoginRefused || error instanceof PhoneDomainError || error instanceof AgentDomainError)
        return { announcement: 'refused', agentId: agent.id, reason: error.message };
      throw error;
    }
  }

  private async pauseOrUnpause(agent: AgentEntry, action: 'pause' | 'unpause', commandId: string, at: string): Promise<FlowResult> {
    const base = { commandId: `${commandId}:${action}`, agentId: agent.id, at, via: 'ivr' as const, correlationId: commandId };
    try {
      const result = await this.commands.execute(action === 'pause' ? { ...base, type: 'Pause', reason: ivrPauseReason(this.directory) } : { ...base, type: 'Unpause' });
      await this.executor.carryOut(result.events, commandId);
      return { announcement: action === 'pause' ? pauseAnnouncement(result.decision.outcomes) : 'unpaused', agentId: agent.id };
    } catch (error) {
      if (error instanceof AgentDomainError) return { announcement: 'refused', agentId: agent.id, reason: error.message };
      throw error;
    }
  }
}

/** A login or logout of AgentLogins: deferred, "already …", or the status it leaves the agent in. */
function announcementOf(result: SessionResult): Announcement {
  return sessionAnnouncement(result.outcomes, loggedInQueues(result.state).length > 0);
}
