import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Principal, type Role } from './principal';

/**
 * Bearer tokens: base64url(JSON claims) + '.' + base64url(HMAC-SHA256). Every service verifies
 * them with the shared AUTH_SECRET, so no service needs to call another to check a caller. The
 * claims are not secret (no PIN, no password); they expire.
 */
interface Claims {
  readonly sub: string;
  readonly role: Role;
  readonly agent?: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

export function signAccessToken(principal: Principal, secret: string, ttlSeconds: number, nowMs: number): string {
  const claims: Claims = {
    sub: principal.subject,
    role: principal.role,
    ...(principal.agentId ? { agent: principal.agentId } : {}),
    exp: Math.floor(nowMs / 1000) + ttlSeconds,
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

/** The token's principal, or undefined when it is malformed, forged or expired. */
export function verifyAccessToken(token: string, secret: string, nowMs: number): Principal | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(body, secret), 'base64url');
  // Constant time: a byte-by-byte compare would leak how much of a forged MAC is right.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = parseClaims(Buffer.from(body, 'base64url').toString('utf8'));
  if (!claims || claims.exp * 1000 <= nowMs) return undefined;
  return { subject: claims.sub, role: claims.role, ...(claims.agent ? { agentId: claims.agent } : {}) };
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

function parseClaims(json: string): Claims | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  if (typeof c['sub'] !== 'string' || typeof c['exp'] !== 'number') return undefined;
  if (!ROLES.includes(c['role'] as Role)) return undefined;
  if (c['agent'] !== undefined && typeof c['agent'] !== 'string') return undefined;
  return c as unknown as Claims;
}
