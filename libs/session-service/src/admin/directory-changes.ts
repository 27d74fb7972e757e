import { HttpStatus } from '@nestjs/common';
import type { AgentEntry, Directory, PauseReasonEntry, PhoneEntry, QueueEntry } from '@switchboard/agent-domain';
import { ApiError } from '@switchboard/platform';
import type { DirectoryChange } from '../directory/directory-log';
import type { AgentBody, DirectoryDocument } from './admin-schemas';
import { resolveCredentials, type CredentialChange } from './credentials';
import { omit } from './omit';

/**
 * The admin API's changes as functions of the latest version (DirectoryLog re-applies one to a
 * newer version when two admins change the directory at once). Pure: credentials arrive hashed,
 * and what needs the agents' sessions is checked by the caller (session-checks.ts).
 */

export function saveAgent(id: string, body: AgentBody, credentials: CredentialChange): DirectoryChange {
  return (current) => {
    const stored = current.agents.find((a) => a.id === id);
    const agent: AgentEntry = {
      id,
      name: body.name,
      ...(body.line !== undefined ? { line: body.line } : {}),
      ...(body.hotDesk !== undefined ? { hotDesk: body.hotDesk } : {}),
      queues: body.queues ?? [],
      ...(body.memberInterface !== undefined ? { memberInterface: body.memberInterface } : {}),
      ...(body.membership !== undefined ? { membership: body.membership } : {}),
      ...(body.sip !== undefined ? { sip: body.sip } : {}),
      ...resolveCredentials(credentials, stored),
    };
    return { type: 'DirectoryAgentSaved', data: { agent } };
  };
}

export function removeAgent(id: string): DirectoryChange {
  return (current) => {
    known(current.agents.some((a) => a.id === id), `agent ${id}`);
    return { type: 'DirectoryAgentRemoved', data: { agentId: id } };
  };
}

export function savePhone(phone: PhoneEntry): DirectoryChange {
  return () => ({ type: 'DirectoryPhoneSaved', data: { phone } });
}

export function removePhone(id: string): DirectoryChange {
  return (current) => {
    known((current.phones ?? []).some((p) => p.id === id), `phone ${id}`);
    return { type: 'DirectoryPhoneRemoved', data: { phoneId: id } };
  };
}

export function saveQueue(queue: QueueEntry): DirectoryChange {
  return () => ({ type: 'DirectoryQueueSaved', data: { queue } });
}

/** A queue some agent may still log into is refused: take it off those agents first. */
export function removeQueue(name: string): DirectoryChange {
  return (current) => {
    known(current.queues.some((q) => q.name === name), `queue ${name}`);
    const users = current.agents.filter((a) => a.queues.includes(name)).map((a) => a.id);
    if (users.length > 0)
      throw new ApiError('conflict', `queue ${name} is still an agent's queue (${users.join(', ')}): take it off them first`, HttpStatus.CONFLICT);
    return { type: 'DirectoryQueueRemoved', data: { name } };
  };
}

export function savePauseReason(reason: PauseReasonEntry): DirectoryChange {
  return () => ({ type: 'DirectoryPauseReasonSaved', data: { reason } });
}

export function removePauseReason(code: string): DirectoryChange {
  return (current) => {
    known((current.pauseReasons ?? []).some((r) => r.code === code), `pause reason ${code}`);
    return { type: 'DirectoryPauseReasonRemoved', data: { code } };
  };
}

export function setGlobalLoginNumber(number: string | undefined): DirectoryChange {
  return (current) => {
    if (number === undefined) known(current.globalLoginNumber !== undefined, 'the global login number');
    return { type: 'DirectoryGlobalLoginNumberSet', data: number === undefined ? {} : { number } };
  };
}

/** Per agent id and user login, the credential change the import asks (plaintext already hashed). */
export interface ImportCredentials {
  readonly agents: ReadonlyMap<string, CredentialChange>;
  readonly users: ReadonlyMap<string, CredentialChange>;
}

/**
 * Replaces the whole directory with a document (JSON or YAML import). The PBX stays this
 * service's; agents and users given without credentials keep the ones stored under their id or
 * login, so a directory read with GET (which shows no hashes) can be edited and PUT back.
 */
export function replaceDirectory(document: DirectoryDocument, credentials: ImportCredentials): DirectoryChange {
  return (current) => ({ type: 'DirectoryReplaced', data: { directory: importedDirectory(document, credentials, current), source: 'api' } });
}

/** The document as a (not yet validated) directory: parseDirectory judges it as it would a file. */
export function importedDirectory(document: DirectoryDocument, credentials: ImportCredentials, current: Directory): Directory {
  const agents = document.agents.map((agent) => {
    const id = String(agent.id);
    const rest = omit(agent, 'pin', 'password', 'pinHash', 'passwordHash', 'hasPin', 'hasPassword');
    const stored = current.agents.find((a) => a.id === id);
    return { ...rest, ...resolveCredentials(credentials.agents.get(id) ?? {}, stored) };
  });
  const users = document.users?.map((user) => {
    const login = String(user.login);
    const rest = omit(user, 'password', 'passwordHash', 'hasPassword');
    const stored = current.users?.find((u) => u.login === login);
    return { ...rest, ...resolveCredentials(credentials.users.get(login) ?? {}, stored) };
  });
  return { ...document, pbxId: document.pbxId === undefined ? current.pbxId : String(document.pbxId), agents, ...(users ? { users } : {}) } as unknown as Directory;
}

function known(found: boolean, what: string): void {
  if (!found) throw new ApiError('not_found', `${what} is not in the directory`, HttpStatus.NOT_FOUND);
}
