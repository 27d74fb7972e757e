import { Controller, Get, Header, Res } from '@nestjs/common';
import { Roles } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { tagVersion } from './admin-http';
import { DirectoryAdmin } from './directory-admin.service';
import { renderPjsipEndpoints } from './pjsip-endpoints';

/** The agents' SIP voice settings as a pjsip.conf snippet for the operator to #include (no secrets in it). */
@Roles('admin', 'supervisor')
@Controller('api/admin/sip')
export class AdminSipController {
  constructor(private readonly admin: DirectoryAdmin) {}

  @Get('endpoints.conf')
  @Header('content-type', 'text/plain; charset=utf-8')
  endpoints(@Res({ passthrough: true }) reply: FastifyReply): string {
    const { directory, version } = this.admin.inForce;
    tagVersion(reply, version);
    return renderPjsipEndpoints(directory, version);
  }
}
