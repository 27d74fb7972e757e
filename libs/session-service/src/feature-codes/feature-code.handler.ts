import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  agentByLine,
  interpretFeatureCode,
  agentById,
  bindingForTarget,
  holderOf,
  memberBindingFor,
  phoneByLine,
  type AgentEntry,
  type Directory,
  type QueueLoginIntent,
} from '@switchboard/agent-domain';
import { assertNever, type FeatureCodeDialed, type MemberBinding } from '@switchboard/contracts';
import { METRICS } from '@switchboard/platform';
import { Histogram, type Registry } from 'prom-client';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { PbxClient } from '../pbx/pbx-client';
import { DIRECTORY } from '../tokens';
import { ANNOUNCEMENT_CONTEXT, announcementExtens, type Announcement } from './announcements';
import { lineOfChannel } from './line-of-channel';
import { queueLoginAnnouncement } from './outcome-announcement';
import { PinCodeFlows } from './pin-code-flows';
import { PhoneClaims } from '../phones/phone-claims.service';

export interface FeatureCodeResult {
  readonly announcement: Announcement;
  readonly agentId?: string;
  readonly reason?: string;
}

/**
 * A phone dialled a login number: find the agent of the calling line, decide, record, carry out
 * on the PBX, and send the caller to the announcement of the outcome: the new status, "already …",
 * or a logout deferred until the agent's queue call ends. Lines that are no agent's, and codes that
 * are no login number, are refused with their own prompt. PIN short codes and the IVR's codes go
 * to PinCodeFlows (the agent is the one the PIN proves, not the line's).
 */
@Injectable()
export class FeatureCodeHandler {
  private readonly logger = new Logger(FeatureCodeHandler.name);
  private readonly roundTrip: Histogram<'announcement'>;

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
    private readonly pbx: PbxClient,
    private readonly pinCodes: PinCodeFlows,
    private readonly claims: PhoneClaims,
    @Inject(METRICS) metrics: Registry,
  ) {
    this.roundTrip = new Histogram({
      name: 'switchboard_feature_code_seconds',
      help: 'From the feature-code event at the gateway to the caller redirected to the announcement',
      labelNames: ['announcement'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [metrics],
    });
  }

  async handle(event: FeatureCodeDialed): Promise<FeatureCodeResult> {
    const pbxId = event.metadata.pbxId;
    // One feature call is one channel: its uniqueid makes the command id, so a redelivered
    // event is recognised by the command shell instead of toggling a second time.
    const commandId = `fc-${pbxId}-${event.data.uniqueid}`;
    // The call's id from the gateway follows the code into the Redirect and every log line.
    const correlationId = event.metadata.correlationId ?? event.data.linkedid;
    const result = await this.decide(event, commandId);
    await this.announce(pbxId, event.data.channel, result.announcement, correlationId);
    this.roundTrip.observe({ announcement: result.announcement }, (Date.now() - Date.parse(event.metadata.occurredAt)) / 1000);
    // The code itself is not logged: PIN short codes carry the PIN.
    this.logger.log({
      msg: `feature code on ${event.data.channel}: ${result.announcement}${result.agentId ? ` (agent ${result.agentId})` : ''}${result.reason ? ` — ${result.reason}` : ''}`,
      correlationId,
      commandId,
    });
    return result;
  }

  private async decide(event: FeatureCodeDialed, commandId: string): Promise<FeatureCodeResult> {
    const intent = interpretFeatureCode(this.directory, event.data.code);
    switch (intent.kind) {
      case 'queue-login':
        return this.queueLogin(event, intent, commandId);
      case 'pin-login':
        return this.pinCodes.forceLogin(event, intent, commandId);
      case 'pin-logout':
        return this.pinCodes.phoneLogoff(event, commandId);
      case 'ivr':
        return this.pinCodes.ivr(event, intent, commandId);
      case 'unknown':
        return { announcement: 'refused', reason: 'not a login number' };
      default:
        return assertNever(intent, 'feature-code intent');
    }
  }

  private async queueLogin(event: FeatureCodeDialed, intent: QueueLoginIntent, commandId: string): Promise<FeatureCodeResult> {
    const line = lineOfChannel(event.data.channel) ?? event.data.caller;
    const caller = await this.callerOn(line);
    if (!caller) return { announcement: 'refused', reason: `line ${line} belongs to no agent` };
    const { agent, binding } = caller;
    const queues = intent.queues === 'all-of-agent' ? agent.queues : intent.queues.filter((q) => agent.queues.includes(q));
    if (queues.length === 0) {
      return { announcement: 'refused', agentId: agent.id, reason: 'agent is not a member of that queue' };
    }
    const outcome = await this.commands.execute({
      type: 'ChangeQueueLogin',
      commandId,
      agentId: agent.id,
      at: event.metadata.occurredAt,
      via: 'feature-code',
      correlationId: commandId,
      pbxId: event.metadata.pbxId,
      mode: intent.mode,
      queues,
      binding,
    });
    await this.executor.carryOut(outcome.events, commandId);
    return { announcement: queueLoginAnnouncement(outcome, queues), agentId: agent.id };
  }

  /**
   * Who dials login numbers from this line, and where the queue rings them: the owner of an own
   * line, or the agent sitting at a shared phone (hot desk, force-login), ringing that phone.
   */
  private async callerOn(line: string): Promise<{ agent: AgentEntry; binding: MemberBinding } | undefined> {
    const owner = agentByLine(this.directory, line);
    if (owner) return { agent: owner, binding: memberBindingFor(owner) };
    const phone = phoneByLine(this.directory, line);
    if (!phone) return undefined;
    const holder = holderOf(await this.claims.phone(phone.id));
    const agent = holder === undefined ? undefined : agentById(this.directory, holder);
    const binding = agent && bindingForTarget(agent, { kind: 'phone', phone });
    return agent && binding ? { agent, binding } : undefined;
  }

  private async announce(pbxId: string, channel: string, announcement: Announcement, correlationId: string): Promise<void> {
    const reply = await this.pbx.execute(
      pbxId,
      { action: 'Redirect', channel, context: ANNOUNCEMENT_CONTEXT, exten: announcementExtens[announcement], priority: 1 },
      correlationId,
    );
    // The caller may have hung up meanwhile; that is not an error of ours.
    if (!reply.ok) this.logger.warn(`announcement redirect of ${channel} failed: ${reply.message}`);
  }
}
