import { agentPoolBinding } from '@switchboard/agent-domain';
import type { AgentCommand } from '@switchboard/contracts';

/** A fourth harness agent, 1004, an app_agent_pool member: appended to the harness directory's agents. */
export const POOL_AGENT_1004 = '  - { id: "1004", name: Agent Four, line: SIP/1004, queues: [helpdesk], membership: agent-pool }\n';

/** Agent 1004 logs in to helpdesk with its pool member (Local/1004@agent-pool/n). */
export function poolAgentLogin(): AgentCommand {
  return {
    type: 'ChangeQueueLogin',
    commandId: `login-1004-${Math.random()}`,
    agentId: '1004',
    at: new Date().toISOString(),
    via: 'api',
    pbxId: 'pbx1',
    mode: 'login',
    queues: ['helpdesk'],
    binding: agentPoolBinding('1004'),
  };
}
