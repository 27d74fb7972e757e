/**
 * The site as the agent side sees it: who the agents are, which line is theirs, which queues they
 * work, and the numbers a phone dials to log in. Loaded from YAML by the service and validated by
 * parseDirectory; everything here is plain data.
 */
export interface Directory {
  readonly pbxId: string;
  /** Toggles all the agent's queues; +1 logs in, +0 logs out (see login-numbers.ts). */
  readonly globalLoginNumber?: string;
  readonly agents: readonly AgentEntry[];
  readonly queues: readonly QueueEntry[];
  /** Phones that are no agent's own line (reception, shared desks): known, never an agent. */
  readonly lines?: readonly LineEntry[];
  readonly users?: readonly UserEntry[];
  /** Marks a directory whose credentials are published (the demo): start-up warns loudly. */
  readonly demoCredentials?: boolean;
}

export interface AgentEntry {
  readonly id: string;
  readonly name: string;
  /** The agent's own phone, as Asterisk names the device: SIP/1001. */
  readonly line: string;
  /** The queues the agent may log into; each is declared in Directory.queues. */
  readonly queues: readonly string[];
  /** What the queue dials; default Local/<ext>@agent-phones/n (see member-binding.ts). */
  readonly memberInterface?: string;
  /** The agent's PIN (short codes, IVR, desktop login) as a scrypt hash; never the PIN itself. */
  readonly pinHash?: string;
  /** A desktop password as a scrypt hash, for agents who sign in with one instead of the PIN. */
  readonly passwordHash?: string;
}

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
