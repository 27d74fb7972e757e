import type { Directory } from '@switchboard/agent-domain';
import { verifySecret, type Principal } from '@switchboard/platform';

/**
 * Who a login and password are, if anyone. Agents sign in with their number and their PIN (or a
 * password where the directory gives one); supervisors and admins with their login and password.
 * Every miss costs one scrypt, found or not, so the answer time does not tell which logins exist.
 */
export async function checkCredentials(directory: Directory, login: string, password: string): Promise<Principal | undefined> {
  const agent = directory.agents.find((a) => a.id === login);
  if (agent) {
    const hashes = [agent.pinHash, agent.passwordHash].filter((h): h is string => h !== undefined);
    for (const hash of hashes) {
      if (await verifySecret(password, hash)) return { subject: agent.id, role: 'agent', agentId: agent.id };
    }
    if (hashes.length === 0) await verifySecret(password, UNMATCHABLE);
    return undefined;
  }
  const user = directory.users?.find((u) => u.login === login);
  if (user) return (await verifySecret(password, user.passwordHash)) ? { subject: user.login, role: user.role } : undefined;
  await verifySecret(password, UNMATCHABLE);
  return undefined;
}

/** A well-formed hash no password matches (its key is random bytes nobody derived). */
export const UNMATCHABLE = 'scrypt$16384$8$1$dW5tYXRjaGFibGVzYWx0$3q2+796tvu/erb7v3q2+796tvu/erb7v3q2+796tvu8=';
