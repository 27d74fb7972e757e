/** Who may do what. Agents act on themselves; supervisors on every agent; admins also on the directory. */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in caller of an HTTP request, as carried by its bearer token. */
export interface Principal {
  /** The login name: an agent's number, or a user's login (supervisor, admin). */
  readonly subject: string;
  readonly role: Role;
  /** Set for agents: the agent this principal is. */
  readonly agentId?: string;
}

/** Supervisors and admins see and act on everyone; an agent only on itself. */
export function mayActOnAgent(principal: Principal, agentId: string): boolean {
  return principal.role !== 'agent' || principal.agentId === agentId;
}
