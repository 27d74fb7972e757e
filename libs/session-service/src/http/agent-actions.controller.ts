import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { agentById, extensionOf, type AgentEntry, type AgentView, type Directory } from '@switchboard/agent-domain';
import { ApiBodyFrom, ApiError, CurrentPrincipal, assertMayActOnAgent, type Principal } from '@switchboard/platform';
import { DIRECTORY } from '../tokens';
import { AgentActions, loginBody, pauseBody, queuesBody, type AgentActionResult } from './agent-actions.service';

/**
 * The agent's own actions from the desktop or the API: log in (where calls ring: own line, a
 * shared phone, the browser, a mobile), log out, pause with a reason, unpause. An agent acts only
 * on itself; supervisors and admins on anyone (recorded as such).
 */
@Controller('api/agents')
export class AgentActionsController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly actions: AgentActions,
  ) {}

  /** An agent by its number, or by its own line's extension (what a phone shows). */
  @Get('by-number/:number')
  async byNumber(@Param('number') number: string, @CurrentPrincipal() principal: Principal): Promise<AgentView> {
    const agent =
      agentById(this.directory, number) ?? this.directory.agents.find((a) => a.line !== undefined && extensionOf(a.line) === number);
    // An agent may look up itself only, and must not learn which other numbers exist.
    if (principal.role === 'agent' && agent?.id !== principal.agentId) assertMayActOnAgent(principal, number);
    if (!agent) throw new ApiError('not_found', `no agent has the number ${number}`, HttpStatus.NOT_FOUND);
    return this.actions.view(agent);
  }

  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<AgentView> {
    return this.actions.view(this.agent(id, principal));
  }

  @Post(':id/login')
  @ApiBodyFrom(loginBody)
  @HttpCode(HttpStatus.OK)
  login(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    return this.actions.login(this.agent(id, principal), principal, body);
  }

  @Post(':id/logout')
  @ApiBodyFrom(queuesBody)
  @HttpCode(HttpStatus.OK)
  logout(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    return this.actions.logout(this.agent(id, principal), principal, body);
  }

  @Post(':id/pause')
  @ApiBodyFrom(pauseBody)
  @HttpCode(HttpStatus.OK)
  pause(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    return this.actions.pause(this.agent(id, principal), principal, body);
  }

  @Post(':id/unpause')
  @ApiBodyFrom(queuesBody)
  @HttpCode(HttpStatus.OK)
  unpause(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    return this.actions.unpause(this.agent(id, principal), principal, body);
  }

  private agent(id: string, principal: Principal): AgentEntry {
    // Checked before the lookup: an agent must not learn which other agent numbers exist.
    assertMayActOnAgent(principal, id);
    const agent = agentById(this.directory, id);
    if (!agent) throw new ApiError('not_found', `agent ${id} is not in the directory`, HttpStatus.NOT_FOUND);
    return agent;
  }
}
