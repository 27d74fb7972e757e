import { HttpStatus, Injectable } from '@nestjs/common';
import { holderOf, loggedInQueues, type Directory } from '@switchboard/agent-domain';
import { ApiError } from '@switchboard/platform';
import { AgentCommandService } from '../commands/agent-command.service';
import { PhoneClaims } from '../phones/phone-claims.service';

/**
 * What the directory may not change under a live session. Removing an agent who is logged in (or
 * holds a shared phone), taking a queue off an agent logged in to it, or removing a phone someone
 * holds is refused with 409: the session would be left with nothing in the directory to carry its
 * logout. A supervisor logs the agent out first (POST /api/agents/:id/force-logout), which also
 * removes the members from the PBX; we do not do it implicitly, since an admin's edit should not
 * drop calls as a side effect. The check reads the sessions just before the change is appended,
 * not atomically with it (they are other streams): a login landing in that instant is not seen.
 */
@Injectable()
export class SessionChecks {
  constructor(
    private readonly commands: AgentCommandService,
    private readonly claims: PhoneClaims,
  ) {}

  async agentRemovable(agentId: string): Promise<void> {
    const queues = loggedInQueues(await this.commands.state(agentId));
    if (queues.length > 0)
      throw new ApiError('already_logged_in', `agent ${agentId} is logged in (${queues.join(', ')}): log them out first (POST /api/agents/${agentId}/force-logout)`, HttpStatus.CONFLICT);
    const phone = await this.claims.heldBy(agentId);
    if (phone !== undefined)
      throw new ApiError('already_logged_in', `agent ${agentId} holds phone ${phone}: log them out first (POST /api/agents/${agentId}/force-logout)`, HttpStatus.CONFLICT);
  }

  async queuesKept(agentId: string, queues: readonly string[]): Promise<void> {
    const dropped = loggedInQueues(await this.commands.state(agentId)).filter((q) => !queues.includes(q));
    if (dropped.length > 0)
      throw new ApiError('already_logged_in', `agent ${agentId} is logged in to ${dropped.join(', ')}: log them out of it first`, HttpStatus.CONFLICT);
  }

  async phoneRemovable(phoneId: string): Promise<void> {
    const holder = holderOf(await this.claims.phone(phoneId));
    if (holder !== undefined) throw new ApiError('phone_in_use', `phone ${phoneId} is held by agent ${holder}: log them out first`, HttpStatus.CONFLICT);
  }

  /** A whole new directory: every agent it drops or takes a queue from, every phone it drops. */
  async replaceable(current: Directory, next: Directory): Promise<void> {
    for (const agent of current.agents) {
      const after = next.agents.find((a) => a.id === agent.id);
      if (!after) await this.agentRemovable(agent.id);
      else if (agent.queues.some((q) => !after.queues.includes(q))) await this.queuesKept(agent.id, after.queues);
    }
    for (const phone of current.phones ?? []) {
      if (!next.phones?.some((p) => p.id === phone.id)) await this.phoneRemovable(phone.id);
    }
  }
}
