/** Auto-logout and pause policies; from the environment, overridable in tests. */
export interface PolicyOptions {
  /** How often the time-driven policies look (pause maximum, end of shift). */
  readonly tickMs: number;
  /** A logged-in agent's phone unregistered this long ago is logged out; 0: never. */
  readonly unregisteredGraceMs: number;
  /** Ring-no-answers in a row that log the agent out; 0: never. */
  readonly maxRingNoAnswer: number;
  /** End of shift as HH:MM (UTC): every agent still logged in is logged out; undefined: never. */
  readonly shiftEndUtc?: string;
}

export const POLICY_OPTIONS = Symbol('PolicyOptions');

export function policyOptionsFrom(env: NodeJS.ProcessEnv): PolicyOptions {
  const shiftEnd = env['SHIFT_END_UTC'] || undefined;
  if (shiftEnd !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(shiftEnd)) throw new Error('SHIFT_END_UTC must be HH:MM');
  return {
    tickMs: whole(env['POLICY_TICK_MS'], 30_000, 'POLICY_TICK_MS', 1),
    unregisteredGraceMs: whole(env['UNREGISTERED_GRACE_MS'], 120_000, 'UNREGISTERED_GRACE_MS', 0),
    maxRingNoAnswer: whole(env['MAX_RING_NO_ANSWER'], 3, 'MAX_RING_NO_ANSWER', 0),
    ...(shiftEnd !== undefined ? { shiftEndUtc: shiftEnd } : {}),
  };
}

function whole(value: string | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}`);
  return n;
}
