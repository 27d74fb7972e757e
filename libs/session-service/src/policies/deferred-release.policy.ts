import { Inject, Injectable } from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import type { AgentCompleted } from '@switchboard/contracts';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { agentOfMember } from '../reconciliation/member-owner';
import { DIRECTORY } from '../tokens';

/** A queue call of the agent ended (AgentComplete): the pause or logout deferred during it applies. */
@Injectable()
export class DeferredReleasePolicy {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
  ) {}

  async callEnded(event: AgentCompleted): Promise<void> {
    const agentId = agentOfMember(this.directory, event.data);
    if (agentId === undefined) return;
    const m = event.metadata;
    const result = await this.commands.execute({
      type: 'ReleaseDeferred',
      commandId: `pbx-${m.pbxId}-${m.connectionId}-${m.seq}`,
      agentId,
      at: m.occurredAt,
      via: 'system',
    });
    await this.executor.carryOut(result.events);
  }
}
