import { Controller, Get, Inject } from '@nestjs/common';
import { describeAgent, type AgentView, type Directory } from '@switchboard/agent-domain';
import { AgentCommandService } from '../commands/agent-command.service';
import { Roles } from '@switchboard/platform';
import { DIRECTORY } from '../tokens';

@Controller('api/agents')
export class AgentsController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
  ) {}

  /** Every agent of the directory with its state per queue: the supervisor's view. */
  @Roles('supervisor', 'admin')
  @Get()
  async list(): Promise<AgentView[]> {
    return Promise.all(
      this.directory.agents.map(async (agent) => describeAgent(agent, await this.commands.state(agent.id))),
    );
  }
}
