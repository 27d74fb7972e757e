import type { AgentEntry, Directory, UserEntry } from '@switchboard/agent-domain';
import { omit } from './omit';

/** An agent as the admin API shows it: never a hash, only whether a PIN or password is set. */
export type AgentAdminView = Omit<AgentEntry, 'pinHash' | 'passwordHash'> & { readonly hasPin: boolean; readonly hasPassword: boolean };
export type UserAdminView = Omit<UserEntry, 'passwordHash'> & { readonly hasPassword: boolean };
export type DirectoryAdminView = Omit<Directory, 'agents' | 'users'> & {
  readonly agents: readonly AgentAdminView[];
  readonly users?: readonly UserAdminView[];
};

export function agentView(agent: AgentEntry): AgentAdminView {
  return { ...omit(agent, 'pinHash', 'passwordHash'), hasPin: agent.pinHash !== undefined, hasPassword: agent.passwordHash !== undefined };
}

export function userView(user: UserEntry): UserAdminView {
  return { ...omit(user, 'passwordHash'), hasPassword: true };
}

/** The whole directory without a single hash: a GET can be edited and PUT back as it is. */
export function directoryView(directory: Directory): DirectoryAdminView {
  const { users } = directory;
  return { ...omit(directory, 'users'), agents: directory.agents.map(agentView), ...(users ? { users: users.map(userView) } : {}) };
}
