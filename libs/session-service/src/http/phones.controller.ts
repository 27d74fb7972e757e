import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { phoneById, type Directory, type PhoneListing } from '@switchboard/agent-domain';
import { ApiError, CurrentPrincipal, Roles, type Principal } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { AgentLogins } from '../phones/agent-logins.service';
import { PhoneListings } from '../phones/phone-listings.service';
import { DIRECTORY } from '../tokens';

@Controller('api/phones')
export class PhonesController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly listings: PhoneListings,
    private readonly logins: AgentLogins,
  ) {}

  /**
   * The phones the calling agent may pick at a hot-desk login: registered and free (every free
   * one when none is registered), its own, and stale ones shown as such.
   */
  @Get('available')
  async available(@CurrentPrincipal() principal: Principal): Promise<{ items: PhoneListing[] }> {
    if (!principal.agentId) throw new ApiError('forbidden', 'only an agent picks a phone: supervisors see GET /api/phones', HttpStatus.FORBIDDEN);
    return { items: await this.listings.available(principal.agentId, new Date().toISOString()) };
  }

  /** Every shared phone with its registration and holder: the supervisor's view. */
  @Roles('supervisor', 'admin')
  @Get()
  async all(): Promise<{ items: PhoneListing[] }> {
    return { items: await this.listings.all(undefined, new Date().toISOString()) };
  }

  /** Frees a phone (typically a stale one): its holder leaves the queues it rang there. */
  @Roles('supervisor', 'admin')
  @Post(':id/release')
  @HttpCode(HttpStatus.OK)
  async release(@Param('id') id: string): Promise<{ phoneId: string; released: string | null }> {
    if (!phoneById(this.directory, id)) throw new ApiError('not_found', `phone ${id} is not in the directory`, HttpStatus.NOT_FOUND);
    const { released } = await this.logins.releaseBySupervisor(id, { via: 'supervisor', commandId: randomUUID(), at: new Date().toISOString() });
    return { phoneId: id, released };
  }
}
