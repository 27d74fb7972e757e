import { Body, Controller, Delete, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiBodyFrom, CurrentPrincipal, Roles, parseInput, type Principal } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { expectedVersionOf } from './admin-errors';
import { notFound, tagVersion } from './admin-http';
import { globalLoginNumberBody } from './admin-schemas';
import { DirectoryAdmin } from './directory-admin.service';
import { setGlobalLoginNumber } from './directory-changes';

/** The number that toggles all of an agent's queues (N, N+1 login, N+0 logout). */
@Roles('admin', 'supervisor')
@Controller('api/admin/global-login-number')
export class AdminGlobalLoginNumberController {
  constructor(private readonly admin: DirectoryAdmin) {}

  @Get()
  read(@Res({ passthrough: true }) reply: FastifyReply): { version: number; number: string } {
    const { directory, version } = this.admin.inForce;
    if (directory.globalLoginNumber === undefined) throw notFound('the global login number');
    tagVersion(reply, version);
    return { version, number: directory.globalLoginNumber };
  }

  @Roles('admin')
  @Put()
  @ApiBodyFrom(globalLoginNumberBody)
  async set(
    @Body() body: unknown,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number; number: string }> {
    const expected = expectedVersionOf(ifMatch);
    const { number } = parseInput(globalLoginNumberBody, body);
    const { version } = await this.admin.apply(setGlobalLoginNumber(number), principal, expected);
    tagVersion(reply, version);
    return { version, number };
  }

  @Roles('admin')
  @Delete()
  async remove(
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number }> {
    const { version } = await this.admin.apply(setGlobalLoginNumber(undefined), principal, expectedVersionOf(ifMatch));
    tagVersion(reply, version);
    return { version };
  }
}
