import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import { AMI_SAFE_TEXT, ApiBodyFrom, ApiError, Roles, parseInput } from '@switchboard/platform';
import { z } from 'zod';
import { SupervisorActions, type Relogged, type VerifiedLogout } from '../commands/supervisor-actions.service';
import { DIRECTORY } from '../tokens';

const amiText = z.string().trim().min(1).max(80).regex(AMI_SAFE_TEXT, 'must not contain CR, LF or NUL');
/** Either agents by id or everyone logged in to one queue; not both, not neither. */
const selection = z
  .object({ agentIds: z.array(amiText).min(1).max(1000).optional(), queue: amiText.optional() })
  .strict()
  .refine((s) => (s.agentIds === undefined) !== (s.queue === undefined), 'give agentIds or queue, not both');

export interface BulkResult<T> {
  readonly results: readonly T[];
  /** Agents whose logout the PBX did not confirm: an alert was raised for each. */
  readonly unverified: readonly string[];
}

/**
 * A supervisor's actions on other agents. Every logout is verified against the PBX: the response
 * comes once Asterisk showed each member removed, or an alert (MembershipUnconfirmed, the
 * switchboard_member_still_held_total metric) was raised after the retries.
 */
@Roles('supervisor', 'admin')
@Controller('api/agents')
export class SupervisorController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly actions: SupervisorActions,
  ) {}

  @Post(':id/force-logout')
  @HttpCode(HttpStatus.OK)
  forceLogout(@Param('id') id: string): Promise<VerifiedLogout> {
    return this.actions.forceLogout(this.known(id));
  }

  /** {agentIds}: out of every queue; {queue}: everyone logged in to it, out of that queue only. */
  @Post('bulk-logout')
  @ApiBodyFrom(selection)
  @HttpCode(HttpStatus.OK)
  async bulkLogout(@Body() body: unknown): Promise<BulkResult<VerifiedLogout>> {
    const input = parseInput(selection, body ?? {});
    const agents = await this.selected(input);
    const results: VerifiedLogout[] = [];
    // One agent after the other: the PBX handles actions of one connection in order anyway.
    for (const id of agents) {
      results.push(input.queue !== undefined ? await this.actions.logoutOfQueue(id, input.queue) : await this.actions.forceLogout(id));
    }
    return { results, unverified: results.filter((r) => !r.verified).map((r) => r.agentId) };
  }

  /** Logs each selected agent out and back in with the same memberships and pauses. */
  @Post('bulk-relog')
  @ApiBodyFrom(selection)
  @HttpCode(HttpStatus.OK)
  async bulkRelog(@Body() body: unknown): Promise<BulkResult<Relogged>> {
    const input = parseInput(selection, body ?? {});
    const results: Relogged[] = [];
    for (const id of await this.selected(input)) results.push(await this.actions.relog(id));
    return { results, unverified: results.filter((r) => !r.logout.verified).map((r) => r.agentId) };
  }

  private async selected(input: { agentIds?: string[]; queue?: string }): Promise<string[]> {
    if (input.queue !== undefined && !this.directory.queues.some((q) => q.name === input.queue)) {
      throw new ApiError('not_found', `queue ${input.queue} is not in the directory`, HttpStatus.NOT_FOUND);
    }
    input.agentIds?.forEach((id) => this.known(id));
    return this.actions.select(input.agentIds, input.queue);
  }

  private known(id: string): string {
    if (!this.directory.agents.some((a) => a.id === id)) {
      throw new ApiError('not_found', `agent ${id} is not in the directory`, HttpStatus.NOT_FOUND);
    }
    return id;
  }
}
