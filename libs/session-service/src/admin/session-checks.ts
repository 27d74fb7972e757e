import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { holderOf, loggedInQueues, type AgentState, type Directory, type PhoneState } from '@switchboard/agent-domain';
import { ApiError } from '@switchboard/platform';
import { AgentCommandService } from '../commands/agent-command.service';
import type { EntryGuardEvent } from '../directory/entry-guard';
import { PhoneClaims } from '../phones/phone-claims.service';

/** What a directory change takes away from live sessions. */
export interface Narrowing {
  /** Agents removed, or left with fewer queues (`queues`: the ones they keep). */
  readonly agents: readonly { readonly agentId: string; readonly removed: boolean; readonly queues: readonly string[] }[];
  readonly phones: readonly string[];
}

/** Every agent the next directory drops or takes a queue from, every phone it drops. */
export function narrowingOf(current: Directory, next: Directory): Narrowing {
  const agents: Narrowing['agents'][number][] = [];
  for (const agent of current.agents) {
    const after = next.agents.find((a) => a.id === agent.id);
    if (!after) agents.push({ agentId: agent.id, removed: true, queues: [] });
    else if (agent.queues.some((q) => !after.queues.includes(q))) agents.push({ agentId: agent.id, removed: false, queues: after.queues });
  }
  const phones = (current.phones ?? []).filter((p) => !next.phones?.some((n) => n.id === p.id)).map((p) => p.id);
  return { agents, phones };
}

export function narrowsAnything(narrowing: Narrowing): boolean {
  return narrowing.agents.length > 0 || narrowing.phones.length > 0;
}

/**
 * What the directory may not change under a live session. Removing an agent who is logged in (or
 * holds a shared phone), taking a queue off an agent logged in to it, or removing a phone someone
 * holds is refused with 409 (agent_in_use, phone_in_use): the session would be left with nothing
 * in the directory to carry its logout. A supervisor logs the agent out first (POST
 * /api/agents/:id/force-logout), which also removes the members from the PBX; we do not do it
 * implicitly, since an admin's edit should not drop calls as a side effect.
 *
 * Each check is recorded on the entry's own stream with the revision it read, before the
 * directory's append (entry-guard.ts): a login landing in between either makes that record fail
 * (and the check, run again, refuses the change) or reads it and is refused itself.
 */
@Injectable()
export class SessionChecks {
  private readonly logger = new Logger('Directory');

  constructor(
    private readonly commands: AgentCommandService,
    private readonly claims: PhoneClaims,
  ) {}

  /** Checks and guards every entry the change narrows; on a refusal, lifts the guards it set. */
  async guard(narrowing: Narrowing, directoryVersion: number, at: string): Promise<void> {
    const done = { agents: [] as Narrowing['agents'][number][], phones: [] as string[] };
    try {
      for (const agent of narrowing.agents) {
        // The seat is another stream: a claim landing after this is caught at its queue login,
        // which the guard refuses (and the phone is given back, AgentLogins).
        const phone = agent.removed ? await this.claims.heldBy(agent.agentId) : undefined;
        if (phone !== undefined) throw agentInUse(`agent ${agent.agentId} holds phone ${phone}`, agent.agentId);
        await this.commands.guard(agent.agentId, pending(directoryVersion, at, agent), (state) => assertFree(agent, state));
        done.agents.push(agent);
      }
      for (const phoneId of narrowing.phones) {
        await this.claims.guard(phoneId, pending(directoryVersion, at, { removed: true, queues: [] }), (state) => assertPhoneFree(phoneId, state));
        done.phones.push(phoneId);
      }
    } catch (error) {
      await this.abandon(done, directoryVersion, at);
      throw error;
    }
  }

  /** The change was not recorded: lets the logins through again (best effort, see entry-guard.ts). */
  async abandon(narrowing: Narrowing, directoryVersion: number, at: string): Promise<void> {
    const event: EntryGuardEvent = { type: 'DirectoryChangeAbandoned', data: { directoryVersion, at } };
    const all = [
      ...narrowing.agents.map((a) => this.commands.guard(a.agentId, event, () => undefined)),
      ...narrowing.phones.map((p) => this.claims.guard(p, event, () => undefined)),
    ];
    for (const result of await Promise.allSettled(all))
      if (result.status === 'rejected') this.logger.warn(`a guard of directory version ${directoryVersion} stays until a newer version: ${String(result.reason)}`);
  }
}

function pending(directoryVersion: number, at: string, entry: { readonly removed: boolean; readonly queues: readonly string[] }): EntryGuardEvent {
  return { type: 'DirectoryChangePending', data: { directoryVersion, removed: entry.removed, ...(entry.removed ? {} : { queues: entry.queues }), at } };
}

function assertFree(agent: Narrowing['agents'][number], state: AgentState): void {
  const busy = loggedInQueues(state).filter((q) => agent.removed || !agent.queues.includes(q));
  if (busy.length === 0) return;
  throw agentInUse(agent.removed ? `agent ${agent.agentId} is logged in (${busy.join(', ')})` : `agent ${agent.agentId} is logged in to ${busy.join(', ')}`, agent.agentId);
}

function assertPhoneFree(phoneId: string, state: PhoneState): void {
  const holder = holderOf(state);
  if (holder !== undefined) throw new ApiError('phone_in_use', `phone ${phoneId} is held by agent ${holder}: log them out first`, HttpStatus.CONFLICT);
}

function agentInUse(what: string, agentId: string): ApiError {
  return new ApiError('agent_in_use', `${what}: log them out first (POST /api/agents/${agentId}/force-logout)`, HttpStatus.CONFLICT);
}
