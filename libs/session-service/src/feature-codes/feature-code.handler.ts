import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  agentByLine,
  interpretFeatureCode,
  isLoggedIn,
  memberBindingFor,
  type Directory,
} from '@switchboard/agent-domain';
import type { FeatureCodeDialed } from '@switchboard/contracts';
import { METRICS } from '@switchboard/platform';
import { Histogram, type Registry } from 'prom-client';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { PbxClient } from '../pbx/pbx-client';
import { DIRECTORY } from '../tokens';
import { ANNOUNCEMENT_CONTEXT, announcementExtens, type Announcement } from './announcements';
import { lineOfChannel } from './line-of-channel';

export interface FeatureCodeResult {
  readonly announcement: Announcement;
  readonly agentId?: string;
  readonly reason?: string;
}

/**
 * A phone dialled a login number: find the agent of the calling line, decide, record, carry out
 * on the PBX, and send the caller to the announcement of the new status. Lines that are no
 * agent's, and codes that are no login number, are refused with their own prompt.
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
    const result = await this.decide(event, commandId);
    await this.announce(pbxId, event.data.channel, result.announcement, commandId);
    this.roundTrip.observe({ announcement: result.announcement }, (Date.now() - Date.parse(event.metadata.occurredAt)) / 1000);
    // The code itself is not logged: PIN short codes carry the PIN.
    this.logger.log(
      `feature code on ${event.data.channel}: ${result.announcement}${result.agentId ? ` (agent ${result.agentId})` : ''}${result.reason ? ` — ${result.reason}` : ''}`,
    );
    return result;
  }

  private async decide(event: FeatureCodeDialed, commandId: string): Promise<FeatureCodeResult> {
    const line = lineOfChannel(event.data.channel) ?? event.data.caller;
    const agent = agentByLine(this.directory, line);
    if (!agent) return { announcement: 'refused', reason: `line ${line} belongs to no agent` };
    const intent = interpretFeatureCode(this.directory, event.data.code);
    if (intent.kind !== 'queue-login') {
      return { announcement: 'refused', agentId: agent.id, reason: 'not a login number' };
    }
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
      binding: memberBindingFor(agent),
    });
    await this.executor.carryOut(outcome.events, commandId);
    const loggedIn = queues.some((q) => isLoggedIn(outcome.state, q));
    return { announcement: loggedIn ? 'logged-in' : 'logged-out', agentId: agent.id };
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
