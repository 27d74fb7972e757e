import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import {
  AgentDomainError,
  describeAgent,
  memberBindingFor,
  type AgentEntry,
  type AgentView,
  type Directory,
  type QueueOutcome,
} from '@switchboard/agent-domain';
import type { AgentCommand } from '@switchboard/contracts';
import { AMI_SAFE_TEXT, ApiError, CurrentPrincipal, assertMayActOnAgent, parseInput, type Principal } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor, type ExecutionReport } from '../commands/decision-executor';
import { DIRECTORY } from '../tokens';

const amiText = z.string().trim().min(1).max(80).regex(AMI_SAFE_TEXT, 'must not contain CR, LF or NUL');
const queues = z.array(amiText).min(1).max(50).optional();
const loginBody = z.object({ queues }).strict();
const pauseBody = z.object({ reason: amiText, queues }).strict();

export interface AgentActionResult {
  /** What the decision did in each queue (already-… when there was nothing to do). */
  readonly outcomes: readonly QueueOutcome[];
  /** What the PBX answered for each change: a queue it refused is reported, never hidden. */
  readonly pbx: readonly ExecutionReport[];
  readonly agent: AgentView;
}

/**
 * The agent's own actions from the desktop or the API: log in/out of queues, pause with a reason,
 * unpause. An agent acts only on itself; supervisors and admins on anyone (recorded as such).
 */
@Controller('api/agents')
export class AgentActionsController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
  ) {}

  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<AgentView> {
    const agent = this.agent(id, principal);
    return describeAgent(agent, await this.commands.state(agent.id));
  }

  @Post(':id/login')
  @HttpCode(HttpStatus.OK)
  login(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    const agent = this.agent(id, principal);
    const input = parseInput(loginBody, body ?? {});
    return this.run(agent, principal, { type: 'ChangeQueueLogin', mode: 'login', pbxId: this.directory.pbxId, queues: this.queuesOf(agent, input.queues), binding: memberBindingFor(agent) });
  }

  @Post(':id/logout')
  @HttpCode(HttpStatus.OK)
  logout(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    const agent = this.agent(id, principal);
    const input = parseInput(loginBody, body ?? {});
    return this.run(agent, principal, { type: 'ChangeQueueLogin', mode: 'logout', pbxId: this.directory.pbxId, queues: this.queuesOf(agent, input.queues), binding: memberBindingFor(agent) });
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  pause(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    const agent = this.agent(id, principal);
    const input = parseInput(pauseBody, body);
    return this.run(agent, principal, { type: 'Pause', reason: input.reason, queues: input.queues && this.queuesOf(agent, input.queues) });
  }

  @Post(':id/unpause')
  @HttpCode(HttpStatus.OK)
  unpause(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    const agent = this.agent(id, principal);
    const input = parseInput(loginBody, body ?? {});
    return this.run(agent, principal, { type: 'Unpause', queues: input.queues && this.queuesOf(agent, input.queues) });
  }

  private agent(id: string, principal: Principal): AgentEntry {
    // Checked before the lookup: an agent must not learn which other agent numbers exist.
    assertMayActOnAgent(principal, id);
    const agent = this.directory.agents.find((a) => a.id === id);
    if (!agent) throw new ApiError('not_found', `agent ${id} is not in the directory`, HttpStatus.NOT_FOUND);
    return agent;
  }

  private queuesOf(agent: AgentEntry, requested: readonly string[] | undefined): readonly string[] {
    if (!requested) return agent.queues;
    const foreign = requested.filter((q) => !agent.queues.includes(q));
    if (foreign.length) throw new ApiError('invalid_input', `agent ${agent.id} is not a member of ${foreign.join(', ')}`, HttpStatus.BAD_REQUEST);
    return requested;
  }

  private async run(agent: AgentEntry, principal: Principal, partial: DistributiveOmit<AgentCommand, 'commandId' | 'agentId' | 'at' | 'via'>): Promise<AgentActionResult> {
    const commandId = randomUUID();
    const command = { ...partial, commandId, agentId: agent.id, at: new Date().toISOString(), via: principal.role === 'agent' ? 'desktop' : 'supervisor', correlationId: commandId } as AgentCommand;
    try {
      const result = await this.commands.execute(command);
      const pbx = await this.executor.carryOut(result.events, commandId);
      return { outcomes: result.decision.outcomes, pbx, agent: describeAgent(agent, result.state) };
    } catch (error) {
      if (error instanceof AgentDomainError) {
        if (error.code === 'not_logged_in') throw new ApiError('not_logged_in', error.message, HttpStatus.CONFLICT);
        if (error.code === 'invalid_input') throw new ApiError('invalid_input', error.message, HttpStatus.BAD_REQUEST);
      }
      throw error;
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
