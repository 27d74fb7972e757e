import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * PINs and passwords are stored only as scrypt hashes: `scrypt$<N>$<r>$<p>$<salt>$<hash>` (salt
 * and hash base64). The cost parameters travel with the hash so they can be raised later without
 * invalidating stored ones. N=2^14 costs ~30 ms here: cheap for one login, expensive for a brute
 * force of a 4-digit PIN against a stolen directory (which is why lockout exists as well).
 */
const PREFIX = 'scrypt';
const DEFAULT_COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

export async function hashSecret(plain: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = DEFAULT_COST;
  const hash = await derive(plain, salt, N, r, p);
  return [PREFIX, N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** True when `plain` matches; false for a wrong secret or a hash this code cannot read. */
export async function verifySecret(plain: string, stored: string): Promise<boolean> {
  const parsed = parseSecretHash(stored);
  if (!parsed) return false;
  const actual = await derive(plain, parsed.salt, parsed.N, parsed.r, parsed.p, parsed.hash.length);
  return timingSafeEqual(actual, parsed.hash);
}

/** Whether a stored value has the shape of our hash (used to refuse plain PINs in the directory). */
export function isSecretHash(stored: string): boolean {
  return parseSecretHash(stored) !== undefined;
}

function parseSecretHash(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const hash = Buffer.from(parts[5], 'base64');
  const valid = [N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) && salt.length >= 8 && hash.length >= 16;
  // N must be a power of two for scrypt; a bound keeps a hostile file from costing gigabytes.
  if (!valid || (N & (N - 1)) !== 0 || N > 1 << 20 || r > 32 || p > 16) return undefined;
  return { N, r, p, salt, hash };
}

function derive(plain: string, salt: Buffer, N: number, r: number, p: number, bytes = KEY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(plain, salt, bytes, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}
