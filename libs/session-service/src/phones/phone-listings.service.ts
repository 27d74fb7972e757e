import { Inject, Injectable } from '@nestjs/common';
import { availablePhones, listPhone, loggedInQueues, type Directory, type PhoneListing } from '@switchboard/agent-domain';
import { AgentCommandService } from '../commands/agent-command.service';
import { DIRECTORY } from '../tokens';
import { PhoneClaims } from './phone-claims.service';

/** The directory's shared phones with their registration and holder, as one agent sees them. */
@Injectable()
export class PhoneListings {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly claims: PhoneClaims,
    private readonly commands: AgentCommandService,
  ) {}

  async all(askingAgentId: string | undefined, now: string): Promise<PhoneListing[]> {
    const phones = this.directory.phones ?? [];
    const states = await Promise.all(phones.map((p) => this.claims.phone(p.id)));
    const holders = [...new Set(states.flatMap((s) => (s.status === 'claimed' ? [s.agentId] : [])))];
    const live = new Set<string>();
    await Promise.all(
      holders.map(async (agentId) => {
        if (loggedInQueues(await this.commands.state(agentId)).length > 0) live.add(agentId);
      }),
    );
    return phones.map((phone, i) => listPhone(phone, states[i], { askingAgentId, hasLiveSession: (a) => live.has(a), now }));
  }

  async available(askingAgentId: string, now: string): Promise<PhoneListing[]> {
    return availablePhones(await this.all(askingAgentId, now));
  }
}
