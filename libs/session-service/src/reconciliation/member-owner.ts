import { memberBindingFor, type Directory } from '@switchboard/agent-domain';

/** `Agent <id>`: the member name every membership of ours carries (memberBindingFor). */
const MEMBER_NAME = /^Agent (\S+)$/;

/**
 * The agent a PBX queue member stands for: by its member name (which survives a hot-desk move to
 * another phone), else by the member interface the directory gives the agent's own line. Undefined
 * for members that are none of ours (static members, someone's manual QueueAdd).
 */
export function agentOfMember(
  directory: Directory,
  member: { readonly interface: string; readonly memberName: string },
): string | undefined {
  const named = MEMBER_NAME.exec(member.memberName)?.[1];
  if (named !== undefined && directory.agents.some((a) => a.id === named)) return named;
  for (const agent of directory.agents) {
    if (agent.memberInterface === member.interface) return agent.id;
    if (agent.line !== undefined && memberBindingFor({ ...agent, line: agent.line }).interface === member.interface) return agent.id;
  }
  return undefined;
}
