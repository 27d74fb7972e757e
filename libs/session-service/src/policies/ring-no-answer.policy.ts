import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import type { AgentConnected, AgentRingNoAnswer } from '@switchboard/contracts';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { agentOfMember } from '../reconciliation/member-owner';
import { DIRECTORY } from '../tokens';
import { POLICY_OPTIONS, type PolicyOptions } from './policy-options';

/** Auto-logout after N queue calls in a row the agent let ring out (the decider counts). */
@Injectable()
export class RingNoAnswerPolicy {
  private readonly logger = new Logger(RingNoAnswerPolicy.name);

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICY_OPTIONS) private readonly options: PolicyOptions,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
  ) {}

  async offered(event: AgentRingNoAnswer | AgentConnected): Promise<void> {
    const agentId = agentOfMember(this.directory, event.data);
    if (agentId === undefined) return;
    const m = event.metadata;
    const result = await this.commands.execute({
      type: 'RecordQueueCallOffer',
      // One PBX event, one offer: a redelivered event is recognised, not counted twice.
      commandId: `pbx-${m.pbxId}-${m.connectionId}-${m.seq}`,
      agentId,
      at: m.occurredAt,
      via: 'system',
      queue: event.data.queue,
      answered: event.type === 'AgentConnected',
      maxRingNoAnswer: this.options.maxRingNoAnswer,
    });
    if (!result.events.some((e) => e.type === 'AgentLoggedOut')) return;
    this.logger.warn(`agent ${agentId} logged out after ${this.options.maxRingNoAnswer} queue calls in a row rang unanswered`);
    await this.executor.carryOut(result.events);
  }
}
