import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { agentById, type AgentEntry, type AgentView, type Directory } from '@switchboard/agent-domain';
import { ApiBodyFrom, ApiError, CurrentPrincipal, type Principal } from '@switchboard/platform';
import { DIRECTORY } from '../tokens';
import { AgentActions, loginBody, pauseBody, queuesBody, type AgentActionResult } from './agent-actions.service';

/** The signed-in agent's own view and actions: the same code as /api/agents/{id}/…, on itself. */
@Controller('api/me')
export class MeController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly actions: AgentActions,
  ) {}

  @Get()
  async get(@CurrentPrincipal() principal: Principal): Promise<AgentView> {
    return this.actions.view(this.self(principal));
  }

  @Post('login')
  @ApiBodyFrom(loginBody)
  @HttpCode(HttpStatus.OK)
  login(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    return this.actions.login(this.self(principal), principal, body);
  }

  @Post('logout')
  @ApiBodyFrom(queuesBody)
  @HttpCode(HttpStatus.OK)
  logout(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    return this.actions.logout(this.self(principal), principal, body);
  }

  @Post('pause')
  @ApiBodyFrom(pauseBody)
  @HttpCode(HttpStatus.OK)
  pause(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    return this.actions.pause(this.self(principal), principal, body);
  }

  @Post('unpause')
  @ApiBodyFrom(queuesBody)
  @HttpCode(HttpStatus.OK)
  unpause(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgentActionResult> {
    return this.actions.unpause(this.self(principal), principal, body);
  }

  /** Supervisors and admins are no agent: /api/me has nothing to act on for them. */
  private self(principal: Principal): AgentEntry {
    const agent = principal.agentId ? agentById(this.directory, principal.agentId) : undefined;
    if (!agent) throw new ApiError('forbidden', 'only an agent has /api/me: use /api/agents/{id}', HttpStatus.FORBIDDEN);
    return agent;
  }
}
