import { Body, Controller, Delete, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBodyFrom, CurrentPrincipal, Roles, parseInput, type Principal } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { expectedVersionOf } from './admin-errors';
import { notFound, pathParam, samePathKey, tagVersion } from './admin-http';
import { agentBody, idText } from './admin-schemas';
import { agentView, type AgentAdminView } from './admin-views';
import { credentialChange } from './credentials';
import { DirectoryAdmin } from './directory-admin.service';
import { removeAgent, saveAgent } from './directory-changes';

export interface AgentResponse {
  readonly version: number;
  readonly agent: AgentAdminView;
}

/**
 * Agents: who they are, their line, queues, SIP voice settings and credentials. PUT creates or
 * replaces one (PIN and password as plaintext, hashed at once; absent, they stay as they are);
 * DELETE removes one who is not logged in (409 agent_in_use otherwise, as is taking a queue off
 * an agent logged in to it).
 */
@Roles('admin', 'supervisor')
@Controller('api/admin/agents')
export class AdminAgentsController {
  constructor(
    private readonly admin: DirectoryAdmin,
  ) {}

  @Get()
  list(@Res({ passthrough: true }) reply: FastifyReply): { version: number; items: AgentAdminView[] } {
    const { directory, version } = this.admin.inForce;
    tagVersion(reply, version);
    return { version, items: directory.agents.map(agentView) };
  }

  @Get(':id')
  one(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): AgentResponse {
    const { directory, version } = this.admin.inForce;
    const agent = directory.agents.find((a) => a.id === id);
    if (!agent) throw notFound(`agent ${id}`);
    tagVersion(reply, version);
    return { version, agent: agentView(agent) };
  }

  @Roles('admin')
  @Put(':id')
  @ApiBodyFrom(agentBody)
  async save(
    @Param('id') rawId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AgentResponse> {
    const id = pathParam('id', idText, rawId);
    const expected = expectedVersionOf(ifMatch);
    const input = parseInput(agentBody, body);
    samePathKey('id', input.id, id);
    const credentials = await credentialChange({ pin: input.pin, password: input.password });
    const { directory, version } = await this.admin.apply(saveAgent(id, input, credentials), principal, expected);
    const agent = directory.agents.find((a) => a.id === id);
    if (!agent) throw notFound(`agent ${id}`);
    tagVersion(reply, version);
    return { version, agent: agentView(agent) };
  }

  @Roles('admin')
  @Delete(':id')
  async remove(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number }> {
    const expected = expectedVersionOf(ifMatch);
    if (!this.admin.inForce.directory.agents.some((a) => a.id === id)) throw notFound(`agent ${id}`);
    const { version } = await this.admin.apply(removeAgent(id), principal, expected);
    tagVersion(reply, version);
    return { version };
  }
}
