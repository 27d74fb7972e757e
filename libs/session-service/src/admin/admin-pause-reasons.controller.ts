import { Body, Controller, Delete, Get, Headers, Param, Put, Res } from '@nestjs/common';
import type { PauseReasonEntry } from '@switchboard/agent-domain';
import { ApiBodyFrom, CurrentPrincipal, Roles, parseInput, type Principal } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { expectedVersionOf } from './admin-errors';
import { notFound, pathParam, samePathKey, tagVersion } from './admin-http';
import { idText, pauseReasonBody } from './admin-schemas';
import { DirectoryAdmin } from './directory-admin.service';
import { removePauseReason, savePauseReason } from './directory-changes';

/**
 * The reasons agents may pause for. With none configured any reason is accepted, so removing the
 * last one brings that back (an empty list would forbid every pause).
 */
@Roles('admin', 'supervisor')
@Controller('api/admin/pause-reasons')
export class AdminPauseReasonsController {
  constructor(private readonly admin: DirectoryAdmin) {}

  @Get()
  list(@Res({ passthrough: true }) reply: FastifyReply): { version: number; items: readonly PauseReasonEntry[] } {
    const { directory, version } = this.admin.inForce;
    tagVersion(reply, version);
    return { version, items: directory.pauseReasons ?? [] };
  }

  @Get(':code')
  one(@Param('code') code: string, @Res({ passthrough: true }) reply: FastifyReply): { version: number; reason: PauseReasonEntry } {
    const { directory, version } = this.admin.inForce;
    const reason = directory.pauseReasons?.find((r) => r.code === code);
    if (!reason) throw notFound(`pause reason ${code}`);
    tagVersion(reply, version);
    return { version, reason };
  }

  @Roles('admin')
  @Put(':code')
  @ApiBodyFrom(pauseReasonBody)
  async save(
    @Param('code') rawCode: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number; reason: PauseReasonEntry }> {
    const code = pathParam('code', idText, rawCode);
    const expected = expectedVersionOf(ifMatch);
    const input = parseInput(pauseReasonBody, body);
    samePathKey('code', input.code, code);
    const change = savePauseReason({
      code,
      ...(input.label !== undefined ? { label: input.label } : {}),
      ...(input.maxMinutes !== undefined ? { maxMinutes: input.maxMinutes } : {}),
    });
    const { directory, version } = await this.admin.apply(change, principal, expected);
    const reason = directory.pauseReasons?.find((r) => r.code === code);
    if (!reason) throw notFound(`pause reason ${code}`);
    tagVersion(reply, version);
    return { version, reason };
  }

  @Roles('admin')
  @Delete(':code')
  async remove(
    @Param('code') code: string,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number }> {
    const { version } = await this.admin.apply(removePauseReason(code), principal, expectedVersionOf(ifMatch));
    tagVersion(reply, version);
    return { version };
  }
}
