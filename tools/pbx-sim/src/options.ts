// Simulator configuration: the public option shape and the defaults that fill it in.
// Defaults mirror the lab PBX the captures in shared/ami-captures were recorded on (four SIP
// phones, queues helpdesk/rrmemory and sales/leastrecent, timeout 15, retry 2), except for the
// call timings, which are short so that tests finish quickly. main.ts passes demo timings.

export type QueueStrategy = 'rrmemory' | 'leastrecent' | 'ringall';

export interface PhoneConfig {
  readonly ext: string;
  readonly name: string;
  /** Whether the phone is registered when the simulator starts (default true). */
  readonly registered?: boolean;
}

export interface QueueConfig {
  readonly name: string;
  readonly strategy?: QueueStrategy;
}

/** A dialplan hint on a device that is not a phone, e.g. `*8111` → `Custom:agent-1001-helpdesk`. */
export interface HintConfig {
  readonly exten: string;
  readonly device: string;
  readonly context?: string;
}

export interface SimTiming {
  /** How long a member's phone rings before it answers. */
  readonly ringMs: number;
  /** How long an answered queue call lasts before the agent hangs up. */
  readonly talkMs: number;
  /** How long the feature-code dialplan holds the caller waiting for a Redirect (Wait(3)). */
  readonly featureHoldMs: number;
  /** Length of an announcement played by Playback() (after a Redirect, or the closing beep). */
  readonly playbackMs: number;
  /** Queue `timeout`: ring time after which a member counts as not answering (15 s in the lab). */
  readonly queueTimeoutMs: number;
  /** Queue `retry`: pause after a ring-no-answer before the next member is tried (2 s in the lab). */
  readonly retryMs: number;
  /** A caller nobody can be offered to hangs up after this long (unless abandonAfterMs is given). */
  readonly patienceMs: number;
  /** Queue() application timeout: the caller leaves the queue unanswered after this long. */
  readonly maxWaitMs: number;
  /** Delay before a waiting caller is offered to a member that just became free. */
  readonly recheckMs: number;
  /** Delay before `Authentication failed` is sent (Asterisk waits about a second). */
  readonly authFailureDelayMs: number;
  /**
   * app_agent_pool's login probation: a new AgentLogin() waits this long (LOGIN_WAIT_TIMEOUT_TIME,
   * 5 s in Asterisk) before Agent:<id> turns NOT_INUSE and the pool offers it calls.
   */
  readonly agentProbationMs: number;
}

export interface DemoOptions {
  /** Mean interval between agent feature-code calls. */
  readonly featureCodeEveryMs?: number;
  /** Mean interval between inbound queue calls. */
  readonly inboundEveryMs?: number;
  /** Share of inbound calls whose caller gives up while waiting. */
  readonly abandonRate?: number;
  /** Share of feature-code calls made by the reception phone 2001 (not an agent, gets refused). */
  readonly strangerRate?: number;
  /** Ring time range for demo calls. */
  readonly ringMs?: readonly [number, number];
  /** Talk time range for demo calls. */
  readonly talkMs?: readonly [number, number];
  /** Agent directory used to pick who dials which login number. */
  readonly agents?: readonly DemoAgent[];
  /** Feature codes: one login number per queue plus a global one. */
  readonly loginCodes?: Readonly<Record<string, string>>;
  readonly globalCode?: string;
  /** A phone that is no agent and occasionally dials a login number. */
  readonly strangerExt?: string;
  /** Queues that receive inbound calls, with relative weights. */
  readonly inboundQueues?: Readonly<Record<string, number>>;
}

export interface DemoAgent {
  readonly ext: string;
  readonly queues: readonly string[];
}

export interface SimOptions {
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  readonly secret?: string;
  readonly phones?: readonly PhoneConfig[];
  readonly queues?: readonly QueueConfig[];
  readonly hints?: readonly HintConfig[];
  readonly timing?: Partial<SimTiming>;
  /** Seed for every random choice (demo traffic, bridge ids), so runs can be replayed. */
  readonly seed?: number;
  /** Start demo traffic as soon as the server listens. */
  readonly demo?: boolean | DemoOptions;
  /**
   * The agents of agents.conf (app_agent_pool), by id. Absent: every id of digits is one (a site
   * with a section per agent number), so AgentLogin() of a number always finds its agent.
   */
  readonly agents?: readonly string[];
}

export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
  readonly phones: readonly Required<PhoneConfig>[];
  readonly queues: readonly Required<QueueConfig>[];
  readonly hints: readonly Required<HintConfig>[];
  readonly timing: SimTiming;
  readonly seed: number;
  readonly demo: DemoOptions | undefined;
  /** agents.conf ids; undefined: any id of digits. */
  readonly agents: readonly string[] | undefined;
}

export const DEFAULT_PHONES: readonly PhoneConfig[] = [
  { ext: '1001', name: 'Agent One' },
  { ext: '1002', name: 'Agent Two' },
  { ext: '1003', name: 'Agent Three' },
  { ext: '2001', name: 'Reception' },
];

export const DEFAULT_QUEUES: readonly QueueConfig[] = [
  { name: 'helpdesk', strategy: 'rrmemory' },
  { name: 'sales', strategy: 'leastrecent' },
];

/** Test-friendly timings: every flow completes within a second or two. */
export const DEFAULT_TIMING: SimTiming = {
  ringMs: 200,
  talkMs: 500,
  featureHoldMs: 1500,
  playbackMs: 100,
  queueTimeoutMs: 15_000,
  retryMs: 2_000,
  patienceMs: 2_000,
  maxWaitMs: 300_000,
  recheckMs: 20,
  authFailureDelayMs: 0,
  agentProbationMs: 100,
};

/** Lab-like timings for `npm run sim` (feature hold Wait(3), audible announcements). */
export const DEMO_TIMING: SimTiming = {
  ...DEFAULT_TIMING,
  ringMs: 3_000,
  talkMs: 15_000,
  featureHoldMs: 3_000,
  playbackMs: 1_500,
  patienceMs: 20_000,
  recheckMs: 1_000,
  agentProbationMs: 5_000,
};

export const DEFAULT_DEMO: Required<DemoOptions> = {
  featureCodeEveryMs: 6_000,
  inboundEveryMs: 5_000,
  abandonRate: 0.2,
  strangerRate: 0.15,
  ringMs: [1_500, 6_000],
  talkMs: [8_000, 30_000],
  agents: [
    { ext: '1001', queues: ['helpdesk'] },
    { ext: '1002', queues: ['helpdesk', 'sales'] },
    { ext: '1003', queues: ['helpdesk', 'sales'] },
  ],
  loginCodes: { helpdesk: '811', sales: '812' },
  globalCode: '900',
  strangerExt: '2001',
  inboundQueues: { helpdesk: 3, sales: 2 },
};

export function resolveOptions(options: SimOptions = {}): ResolvedOptions {
  const phones = (options.phones ?? DEFAULT_PHONES).map((p) => ({
    ext: p.ext,
    name: p.name,
    registered: p.registered ?? true,
  }));
  const queues = (options.queues ?? DEFAULT_QUEUES).map((q) => ({
    name: q.name,
    strategy: q.strategy ?? 'rrmemory',
  }));
  const hints = (options.hints ?? []).map((h) => ({
    exten: h.exten,
    device: h.device,
    context: h.context ?? 'from-agents',
  }));
  assertUnique(
    phones.map((p) => p.ext),
    'phone extension',
  );
  assertUnique(
    queues.map((q) => q.name),
    'queue name',
  );
  if (options.agents) assertUnique(options.agents, 'agent id');
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    username: options.username ?? 'gateway',
    secret: options.secret ?? 'gateway-secret',
    phones,
    queues,
    hints,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    seed: options.seed ?? Date.now() % 2_147_483_647,
    demo:
      options.demo === undefined || options.demo === false
        ? undefined
        : options.demo === true
          ? {}
          : options.demo,
    agents: options.agents,
  };
}

function assertUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new Error(`pbx-sim: duplicate ${what} '${v}'`);
    seen.add(v);
  }
}
