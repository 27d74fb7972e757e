import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { HealthRegistry } from './health-registry';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** Live: the process answers. Kubernetes restarts it otherwise. */
  @Get('live')
  @HttpCode(200)
  live(): { ok: true } {
    return { ok: true };
  }

  /** Ready: every registered dependency is up; 503 keeps the pod out of the Service. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const result = await this.registry.readiness();
    reply.status(result.ok ? 200 : 503);
    return result;
  }
}
