import { memberBindingFor, type Directory } from '@switchboard/agent-domain';

/** `Agent <id>`: the member name every membership of ours carries (memberBindingFor). */
const MEMBER_NAME = /^Agent (\S+)$/;
/**
 * `Agent/<id>`: chan_agent's member interface, from before Asterisk 12 replaced chan_agent with
 * app_agent_pool. Asterisk 20 has no Agent channel technology, so such a member (left in astdb by
 * an old configuration, or added by hand) never rings; it is still that agent's, so
 * reconciliation removes it as the agent's stale binding instead of leaving it as nobody's.
 */
const CHAN_AGENT_INTERFACE = /^Agent\/(\S+)$/;

/**
 * The agent a PBX queue member stands for: by its member name (which survives a hot-desk move to
 * another phone), else by the member interface the directory gives the agent's own line (for an
 * agent-pool agent, its pool member Local/<id>@agent-pool/n), else by a chan_agent `Agent/<id>`.
 * Undefined for members that are none of ours (static members, someone's manual QueueAdd).
 */
export function agentOfMember(
  directory: Directory,
  member: { readonly interface: string; readonly memberName: string },
): string | undefined {
  const known = (id: string | undefined) => (id !== undefined && directory.agents.some((a) => a.id === id) ? id : undefined);
  const named = known(MEMBER_NAME.exec(member.memberName)?.[1]);
  if (named !== undefined) return named;
  for (const agent of directory.agents) {
    if (agent.memberInterface === member.interface) return agent.id;
    if (agent.line !== undefined && memberBindingFor({ ...agent, line: agent.line }).interface === member.interface) return agent.id;
  }
  return known(CHAN_AGENT_INTERFACE.exec(member.interface)?.[1]);
}
