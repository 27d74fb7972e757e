import { Inject, Injectable } from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import type { QueueMemberAdded, QueueMemberPaused, QueueMemberRemoved } from '@switchboard/contracts';
import { AgentCommandService } from '../commands/agent-command.service';
import { agentOfMember } from '../reconciliation/member-owner';
import { DIRECTORY } from '../tokens';
import { MembershipWatch } from './membership-watch';
import { agentPoolCommandOf, type AgentPoolPbxEvent } from './agent-pool-recorder';

type MemberEvent = QueueMemberAdded | QueueMemberRemoved | QueueMemberPaused;

/**
 * A member event from the PBX: releases whoever waits for it here and records it on the agent's
 * stream as a confirmation when it shows what the session wants (the decider says whether).
 */
@Injectable()
export class MemberEventRecorder {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
    private readonly watch: MembershipWatch,
  ) {}

  async record(event: MemberEvent): Promise<void> {
    const d = event.data;
    const observed = {
      member: event.type === 'QueueMemberRemoved' ? ('absent' as const) : ('present' as const),
      paused: event.type === 'QueueMemberRemoved' ? false : d.paused,
    };
    this.watch.saw({ pbxId: event.metadata.pbxId, queue: d.queue, interface: d.interface, ...observed });
    const agentId = agentOfMember(this.directory, d);
    if (agentId === undefined) return;
    await this.commands.execute({
      type: 'RecordPbxMembership',
      // One PBX event is one observation: a redelivery is recognised, not recorded twice.
      commandId: `pbx-${event.metadata.pbxId}-${event.metadata.connectionId}-${event.metadata.seq}`,
      agentId,
      at: event.metadata.occurredAt,
      via: 'system',
      pbxId: event.metadata.pbxId,
      queue: d.queue,
      interface: d.interface,
      observed,
    });
  }

  /** app_agent_pool's AgentLogin / AgentLogoff: where the agent's pool member rings, if anywhere. */
  async recordPoolSeat(event: AgentPoolPbxEvent): Promise<void> {
    const command = agentPoolCommandOf(this.directory, event);
    if (command) await this.commands.execute(command);
  }
}
