/**
 * The site as the agent side sees it: who the agents are, which line is theirs, which queues they
 * work, and the numbers a phone dials to log in. Loaded from YAML by the service and validated by
 * parseDirectory; everything here is plain data.
 */
import type { AgentSipSettings } from './sip-settings';

// The SIP settings' vocabulary travels with the directory model (agent-domain's index exports this file).
export * from './sip-settings';

export interface Directory {
  readonly pbxId: string;
  /** Toggles all the agent's queues; +1 logs in, +0 logs out (see login-numbers.ts). */
  readonly globalLoginNumber?: string;
  readonly agents: readonly AgentEntry[];
  readonly queues: readonly QueueEntry[];
  /** Phones that are no agent's own line (reception, shared desks): known, never an agent. */
  readonly lines?: readonly LineEntry[];
  readonly users?: readonly UserEntry[];
  /** Shared phones agents log in on: hot desk (the desktop picks one) and force-login (*35*EXT*PIN#). */
  readonly phones?: readonly PhoneEntry[];
  /** Wrong PINs before a lockout, and its length; pinPolicyOf gives the defaults. */
  readonly pinPolicy?: PinPolicy;
  /** What happens to stale phone claims; without it only a supervisor releases them. */
  readonly hotDeskPolicy?: HotDeskPolicy;
  /** The reasons agents may pause for (any reason when absent); see pause-reasons.ts. */
  readonly pauseReasons?: readonly PauseReasonEntry[];
  /** Marks a directory whose credentials are published (the demo): start-up warns loudly. */
  readonly demoCredentials?: boolean;
}

/** A pause reason: `code` goes to the PBX and queue_log; past maxMinutes the pause ends by itself. */
export interface PauseReasonEntry {
  readonly code: string;
  readonly label?: string;
  readonly maxMinutes?: number;
}

export interface AgentEntry {
  readonly id: string;
  readonly name: string;
  /** The agent's own phone, as Asterisk names the device: SIP/1001. Optional for hot-desk
   *  agents only: they ring wherever they log in. */
  readonly line?: string;
  /** The agent picks a shared phone (Directory.phones) at login. */
  readonly hotDesk?: boolean;
  /** The queues the agent may log into; each is declared in Directory.queues. */
  readonly queues: readonly string[];
  /** What the queue dials; default Local/<ext>@agent-phones/n (see member-binding.ts). */
  readonly memberInterface?: string;
  /** How the queue reaches the agent; default callback (see AgentMembership). */
  readonly membership?: AgentMembership;
  /** The agent's PIN (short codes, IVR, desktop login) as a scrypt hash; never the PIN itself. */
  readonly pinHash?: string;
  /** A desktop password as a scrypt hash, for agents who sign in with one instead of the PIN. */
  readonly passwordHash?: string;
  /** The voice settings of the agent's own line's SIP endpoint (see sip-settings.ts). */
  readonly sip?: AgentSipSettings;
}

/**
 * callback: the queue rings the agent's current phone (own line, hot-desk phone, mobile) through
 * a Local member. agent-pool: Asterisk's app_agent_pool; the agent sits in AgentLogin() on a call
 * from any phone, and the member (Local/<id>@agent-pool/n, state Agent:<id>) reaches it there.
 */
export type AgentMembership = 'callback' | 'agent-pool';

/** An agent with a line of its own (every agent but a hot-desk one without a line). */
export type AgentWithLine = AgentEntry & { readonly line: string };

/** Desktop users who are not agents. */
export interface UserEntry {
  readonly login: string;
  readonly name?: string;
  readonly role: 'supervisor' | 'admin';
  readonly passwordHash: string;
}

export interface QueueEntry {
  readonly name: string;
  /** Toggle number for this queue; +1 logs in, +0 logs out. */
  readonly loginNumber?: string;
}

export interface LineEntry {
  readonly line: string;
  readonly name?: string;
}

/** A shared phone: `id` names it in the API and in its stream (phone-<id>), `line` is the device. */
export interface PhoneEntry {
  readonly id: string;
  readonly line: string;
  readonly name?: string;
}

export interface PinPolicy {
  /** Wrong PINs in a row that lock the agent out (IP Office: 4). */
  readonly maxAttempts: number;
  /** How long the lockout lasts (IP Office: 90 s). */
  readonly lockoutSeconds: number;
}

export interface HotDeskPolicy {
  /** A stale claim this old is released by the next hot-desk login on the phone. */
  readonly releaseStaleAfterMinutes: number;
}

export const DEFAULT_PIN_POLICY: PinPolicy = { maxAttempts: 4, lockoutSeconds: 90 };

export function pinPolicyOf(directory: Directory): PinPolicy {
  return directory.pinPolicy ?? DEFAULT_PIN_POLICY;
}
