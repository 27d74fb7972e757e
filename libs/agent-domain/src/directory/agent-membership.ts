import type { AgentMembership } from './directory';
import { DirectoryError } from './directory-error';
import { child } from './read-fields';

const MEMBERSHIPS: readonly AgentMembership[] = ['callback', 'agent-pool'];
/** Agent-pool ids name the agents.conf section, the Local member and the `_X!` dialplan pattern. */
const POOL_AGENT_ID = /^[0-9]+$/;

/**
 * An agent's `membership` (absent: callback). An agent-pool agent rings wherever it sits in
 * AgentLogin(), so it can have no hot desk and no member interface of its own, and its id must be
 * digits: agents.conf and the [agent-pool] dialplan (AgentRequest(${EXTEN})) know it by that.
 */
export function parseMembership(
  agent: Readonly<Record<string, unknown>>,
  path: string,
): AgentMembership | undefined {
  const value = agent['membership'];
  if (value === undefined) return undefined;
  const at = child(path, 'membership');
  if (typeof value !== 'string' || !(MEMBERSHIPS as readonly string[]).includes(value))
    throw new DirectoryError(at, `must be one of ${MEMBERSHIPS.join(', ')}`);
  const membership = value as AgentMembership;
  if (membership !== 'agent-pool') return membership;
  if (agent['hotDesk'] === true)
    throw new DirectoryError(at, 'agent-pool agents ring where they sit in AgentLogin(): no hot desk');
  if (agent['memberInterface'] !== undefined)
    throw new DirectoryError(at, 'agent-pool agents have the pool member: no memberInterface');
  if (typeof agent['id'] === 'string' && !POOL_AGENT_ID.test(agent['id']))
    throw new DirectoryError(child(path, 'id'), 'an agent-pool agent id must be digits (agents.conf, AgentRequest)');
  return membership;
}
