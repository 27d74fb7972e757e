import { hashSecret } from '@switchboard/platform';

/** Stored credentials of an agent or user: scrypt hashes only. */
export interface StoredCredentials {
  readonly pinHash?: string;
  readonly passwordHash?: string;
}

/** What a body asks: plaintext to hash, null to remove, nothing to keep what is stored. */
export interface CredentialInput {
  readonly pin?: string | null;
  readonly password?: string | null;
  /** A hash as in the directory file (only the whole-directory import takes one). */
  readonly pinHash?: string;
  readonly passwordHash?: string;
}

/** Per credential: a new hash, null to remove it, undefined to keep the stored one. */
export interface CredentialChange {
  readonly pinHash?: string | null;
  readonly passwordHash?: string | null;
}

/**
 * Hashes a body's plaintext PIN and password at once, before anything is decided, so the
 * plaintext goes no further than this call: not into an event, a log line or a response.
 */
export async function credentialChange(input: CredentialInput): Promise<CredentialChange> {
  return {
    ...(await one(input.pin, input.pinHash, 'pinHash')),
    ...(await one(input.password, input.passwordHash, 'passwordHash')),
  };
}

async function one<K extends keyof CredentialChange>(plain: string | null | undefined, hash: string | undefined, key: K): Promise<CredentialChange> {
  if (plain === null) return { [key]: null };
  if (plain !== undefined) return { [key]: await hashSecret(plain) };
  return hash === undefined ? {} : { [key]: hash };
}

/** The hashes an entry ends up with: the change's, or the stored ones it leaves alone. */
export function resolveCredentials(change: CredentialChange, stored: StoredCredentials | undefined): StoredCredentials {
  const pinHash = change.pinHash === undefined ? stored?.pinHash : (change.pinHash ?? undefined);
  const passwordHash = change.passwordHash === undefined ? stored?.passwordHash : (change.passwordHash ?? undefined);
  return { ...(pinHash ? { pinHash } : {}), ...(passwordHash ? { passwordHash } : {}) };
}
