import type { LoginMode } from '@switchboard/contracts';

/** A login number: one queue, or every queue of the calling agent (the global number). */
export interface QueueLoginIntent {
  readonly kind: 'queue-login';
  readonly mode: LoginMode;
  readonly queues: readonly string[] | 'all-of-agent';
}

/**
 * Reserved for the PIN short codes of a later issue, so that every consumer's exhaustive switch
 * already has a place for them: `*35*EXT*PIN#` logs agent EXT in on the dialling phone, `*36`
 * logs the phone's agent out. interpretFeatureCode never returns these yet; those codes are
 * `unknown` (and refused) until the PIN work implements them.
 */
export interface PinLoginIntent {
  readonly kind: 'pin-login';
  /** EXT as dialled: the agent's id. */
  readonly agentId: string;
  /** As dialled; compared with the stored hash, never logged. */
  readonly pin: string;
}

export interface PinLogoutIntent {
  readonly kind: 'pin-logout';
}

export interface UnknownIntent {
  readonly kind: 'unknown';
}

/** What a dialled code asks for. */
export type FeatureCodeIntent = QueueLoginIntent | PinLoginIntent | PinLogoutIntent | UnknownIntent;
