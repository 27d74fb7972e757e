import { signAccessToken } from '@switchboard/platform';

/** Shared by every service process of a test run, as AUTH_SECRET is in a deployment. */
export const E2E_AUTH_SECRET = 'e2e-auth-secret-long-enough-for-hmac-0123456789';

/** An Authorization header value for a supervisor, who may act on every agent. */
export function supervisorAuthorization(): string {
  return `Bearer ${signAccessToken({ subject: 'e2e-supervisor', role: 'supervisor' }, E2E_AUTH_SECRET, 3600, Date.now())}`;
}
