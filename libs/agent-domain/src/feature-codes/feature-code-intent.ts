import type { LoginMode } from '@switchboard/contracts';

/** A login number: one queue, or every queue of the calling agent (the global number). */
export interface QueueLoginIntent {
  readonly kind: 'queue-login';
  readonly mode: LoginMode;
  readonly queues: readonly string[] | 'all-of-agent';
}

/**
 * Force-login on the dialling phone (IP Office style): `*35*EXT*PIN#` dialled whole, or `#EXT`
 * after which the dialplan asks for the PIN and passes `#EXT*PIN` on. The trailing `#` is optional
 * because many phones use it as the send key and never transmit it.
 */
export interface PinLoginIntent {
  readonly kind: 'pin-login';
  /** EXT as dialled: the agent's id. */
  readonly agentId: string;
  /** As dialled; compared with the stored hash, never logged. */
  readonly pin: string;
}

/** `*36`: log off whoever is logged in on the dialling phone. */
export interface PinLogoutIntent {
  readonly kind: 'pin-logout';
}

/** What the remote IVR asks for, after the agent number and PIN. */
export type IvrRequest =
  /** Ring the agent at this number (the number calling in, or one keyed in). */
  | { readonly action: 'login-at-number'; readonly number: string }
  /** Ring the agent on its own line. */
  | { readonly action: 'login-own-line' }
  | { readonly action: 'logout' }
  | { readonly action: 'pause' }
  | { readonly action: 'unpause' };

/**
 * The remote IVR (infra/asterisk [switchboard-ivr]) from any number: the dialplan collects the
 * agent number, the PIN and a menu choice with Read() and raises them as one code,
 * `*37*AGENT*PIN*CHOICE#` or, for a login at a number, `*37*AGENT*PIN*1*NUMBER#`.
 */
export interface IvrIntent {
  readonly kind: 'ivr';
  readonly agentId: string;
  readonly pin: string;
  readonly request: IvrRequest;
}

export interface UnknownIntent {
  readonly kind: 'unknown';
}

/** What a dialled code asks for. */
export type FeatureCodeIntent =
  | QueueLoginIntent
  | PinLoginIntent
  | PinLogoutIntent
  | IvrIntent
  | UnknownIntent;
