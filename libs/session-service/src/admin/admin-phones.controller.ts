import { Body, Controller, Delete, Get, Headers, Param, Put, Res } from '@nestjs/common';
import type { PhoneEntry } from '@switchboard/agent-domain';
import { ApiBodyFrom, CurrentPrincipal, Roles, parseInput, type Principal } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { expectedVersionOf } from './admin-errors';
import { notFound, pathParam, samePathKey, tagVersion } from './admin-http';
import { idText, phoneBody } from './admin-schemas';
import { DirectoryAdmin } from './directory-admin.service';
import { removePhone, savePhone } from './directory-changes';

/** Shared phones (hot desk, force-login). A phone someone holds is not removed (409 phone_in_use). */
@Roles('admin', 'supervisor')
@Controller('api/admin/phones')
export class AdminPhonesController {
  constructor(
    private readonly admin: DirectoryAdmin,
  ) {}

  @Get()
  list(@Res({ passthrough: true }) reply: FastifyReply): { version: number; items: readonly PhoneEntry[] } {
    const { directory, version } = this.admin.inForce;
    tagVersion(reply, version);
    return { version, items: directory.phones ?? [] };
  }

  @Get(':id')
  one(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): { version: number; phone: PhoneEntry } {
    const { directory, version } = this.admin.inForce;
    const phone = directory.phones?.find((p) => p.id === id);
    if (!phone) throw notFound(`phone ${id}`);
    tagVersion(reply, version);
    return { version, phone };
  }

  @Roles('admin')
  @Put(':id')
  @ApiBodyFrom(phoneBody)
  async save(
    @Param('id') rawId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number; phone: PhoneEntry }> {
    const id = pathParam('id', idText, rawId);
    const expected = expectedVersionOf(ifMatch);
    const input = parseInput(phoneBody, body);
    samePathKey('id', input.id, id);
    const { directory, version } = await this.admin.apply(savePhone({ id, line: input.line, ...(input.name !== undefined ? { name: input.name } : {}) }), principal, expected);
    const phone = directory.phones?.find((p) => p.id === id);
    if (!phone) throw notFound(`phone ${id}`);
    tagVersion(reply, version);
    return { version, phone };
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
    if (!this.admin.inForce.directory.phones?.some((p) => p.id === id)) throw notFound(`phone ${id}`);
    const { version } = await this.admin.apply(removePhone(id), principal, expected);
    tagVersion(reply, version);
    return { version };
  }
}
