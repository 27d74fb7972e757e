import { Inject, Injectable } from '@nestjs/common';
import { queueStatusSnapshot } from '@switchboard/ami';
import type { Directory } from '@switchboard/agent-domain';
import { PbxClient } from '../pbx/pbx-client';
import { agentOfMember } from '../reconciliation/member-owner';
import { DIRECTORY } from '../tokens';

/**
 * Whether the agent is taking a queue call now, as the PBX says (QueueStatus: a member of the
 * agent with InCall). Asked at the moment of a pause or logout, so the answer is never stale;
 * when the PBX cannot answer, the agent is taken as free (the request is not held back).
 */
@Injectable()
export class QueueCallCheck {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly pbx: PbxClient,
  ) {}

  async inQueueCall(agentId: string): Promise<boolean> {
    const reply = await this.pbx.execute(this.directory.pbxId, { action: 'QueueStatus' });
    if (!reply.ok) return false;
    return queueStatusSnapshot(reply, 'requested').members.some((m) => m.inCall && agentOfMember(this.directory, m) === agentId);
  }
}
