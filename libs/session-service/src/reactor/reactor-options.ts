/** How the session service follows the PBX; from the environment, overridable in tests. */
export interface ReactorOptions {
  /** How long a decision may take to show on the PBX before it is checked and retried. */
  readonly confirmTimeoutMs: number;
  /** Sends of one action (the first included) before the decision is flagged. */
  readonly confirmAttempts: number;
  /** Reconciliation of each PBX by timer, on top of every connect and snapshot; 0: off. */
  readonly reconcileEveryMs: number;
}

export const REACTOR_OPTIONS = Symbol('ReactorOptions');

export function reactorOptionsFrom(env: NodeJS.ProcessEnv): ReactorOptions {
  return {
    confirmTimeoutMs: positive(env['CONFIRM_TIMEOUT_MS'], 3000, 'CONFIRM_TIMEOUT_MS'),
    confirmAttempts: positive(env['CONFIRM_ATTEMPTS'], 3, 'CONFIRM_ATTEMPTS'),
    reconcileEveryMs: positive(env['RECONCILE_EVERY_MS'], 60_000, 'RECONCILE_EVERY_MS', true),
  };
}

function positive(value: string | undefined, fallback: number, name: string, zeroAllowed = false): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroAllowed ? 0 : 1)) throw new Error(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} integer`);
  return n;
}
