import { Body, Controller, Delete, Get, Headers, Param, Put, Res } from '@nestjs/common';
import type { QueueEntry } from '@switchboard/agent-domain';
import { ApiBodyFrom, CurrentPrincipal, Roles, parseInput, type Principal } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { expectedVersionOf } from './admin-errors';
import { notFound, pathParam, samePathKey, tagVersion } from './admin-http';
import { idText, queueBody } from './admin-schemas';
import { DirectoryAdmin } from './directory-admin.service';
import { removeQueue, saveQueue } from './directory-changes';

/**
 * Queues and their login numbers (N toggles, N+1 logs in, N+0 logs out). The queue itself must
 * exist in Asterisk (queues.conf or realtime), and the dialplan must route a new number to the
 * feature-code context. A queue still given to an agent is not removed (409 conflict).
 */
@Roles('admin', 'supervisor')
@Controller('api/admin/queues')
export class AdminQueuesController {
  constructor(private readonly admin: DirectoryAdmin) {}

  @Get()
  list(@Res({ passthrough: true }) reply: FastifyReply): { version: number; items: readonly QueueEntry[] } {
    const { directory, version } = this.admin.inForce;
    tagVersion(reply, version);
    return { version, items: directory.queues };
  }

  @Get(':name')
  one(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): { version: number; queue: QueueEntry } {
    const { directory, version } = this.admin.inForce;
    const queue = directory.queues.find((q) => q.name === name);
    if (!queue) throw notFound(`queue ${name}`);
    tagVersion(reply, version);
    return { version, queue };
  }

  @Roles('admin')
  @Put(':name')
  @ApiBodyFrom(queueBody)
  async save(
    @Param('name') rawName: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number; queue: QueueEntry }> {
    const name = pathParam('name', idText, rawName);
    const expected = expectedVersionOf(ifMatch);
    const input = parseInput(queueBody, body);
    samePathKey('name', input.name, name);
    const change = saveQueue({ name, ...(input.loginNumber !== undefined ? { loginNumber: input.loginNumber } : {}) });
    const { directory, version } = await this.admin.apply(change, principal, expected);
    const queue = directory.queues.find((q) => q.name === name);
    if (!queue) throw notFound(`queue ${name}`);
    tagVersion(reply, version);
    return { version, queue };
  }

  @Roles('admin')
  @Delete(':name')
  async remove(
    @Param('name') name: string,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number }> {
    const { version } = await this.admin.apply(removeQueue(name), principal, expectedVersionOf(ifMatch));
    tagVersion(reply, version);
    return { version };
  }
}
