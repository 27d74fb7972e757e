// Load mode: many registered agents, all members of the queues from the start (no gateway needed
// to log them in), and inbound calls started at a steady rate with short ring and talk times, so
// a client sees thousands of AMI events a second. For gateway benchmarks and soak runs; the
// frames are the same as in every other flow, only the pace differs.

import type { Pbx } from './pbx';
import { agentMember } from './phones';
import type { TimerHandle } from './scheduler';

export interface LoadOptions {
  /** New inbound calls per second, spread evenly (default 50). */
  readonly rate?: number;
  /**
   * Phones 1001, 1002, … that answer the calls (default 20). Phones missing from the
   * configuration are created and registered; at most 999 so the range stays 1001-1999.
   */
  readonly agents?: number;
  /** Queues that receive calls, in turn, and that every agent is a member of (default all). */
  readonly queues?: readonly string[];
  /** Ring time range (ms) before the agent answers. */
  readonly ringMs?: readonly [number, number];
  /** Talk time range (ms) before the agent hangs up. */
  readonly talkMs?: readonly [number, number];
  /** Share of callers who hang up while the agent's phone rings (default 0.05). */
  readonly abandonRate?: number;
}

export interface LoadStats {
  readonly running: boolean;
  readonly rate: number;
  readonly agents: number;
  readonly callsStarted: number;
}

export const DEFAULT_LOAD = {
  rate: 50,
  agents: 20,
  ringMs: [10, 50] as const,
  talkMs: [50, 250] as const,
  abandonRate: 0.05,
};

export const MAX_LOAD_AGENTS = 999;

/** How often calls are started; each tick starts the calls that have come due since the last. */
const TICK_MS = 10;
/**
 * After a stall (GC pause, a slow client) at most this much backlog is made up at once: a burst
 * of hundreds of calls in one tick would measure the stall, not the rate.
 */
const MAX_CATCH_UP_MS = 200;

interface Resolved {
  readonly rate: number;
  readonly agents: number;
  readonly queues: readonly string[];
  readonly ringMs: readonly [number, number];
  readonly talkMs: readonly [number, number];
  readonly abandonRate: number;
}

export class LoadDriver {
  private readonly options: Resolved;
  private timer: TimerHandle | undefined;
  private running = false;
  private startedAt = 0;
  /** Calls due since startedAt that were started (or skipped after a stall). */
  private accounted = 0;
  private callsStarted = 0;

  constructor(
    private readonly pbx: Pbx,
    options: LoadOptions = {},
  ) {
    this.options = resolveLoadOptions(options, pbx.queues.names());
  }

  start(): void {
    if (this.running) return;
    this.prepareAgents();
    this.running = true;
    this.startedAt = Date.now();
    this.accounted = 0;
    this.schedule();
  }

  /** No new calls; calls in progress run to their end. Agents stay registered members. */
  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = undefined;
  }

  stats(): LoadStats {
    return {
      running: this.running,
      rate: this.options.rate,
      agents: this.options.agents,
      callsStarted: this.callsStarted,
    };
  }

  /** Register phones 1001… and make each a member of every load queue, as QueueAdd would. */
  private prepareAgents(): void {
    const { phones, queues } = this.pbx;
    for (let i = 1; i <= this.options.agents; i++) {
      const ext = String(1000 + i);
      if (!phones.has(ext)) phones.add(ext, `Agent ${ext}`);
      if (!phones.require(ext).registered) phones.register(ext);
      for (const queue of this.options.queues) {
        // 'exists' is fine: an agent logged in earlier (by a gateway) keeps its membership.
        queues.add({ queue, ...agentMember(ext) });
      }
    }
  }

  private schedule(): void {
    this.timer = this.pbx.scheduler.after(TICK_MS, () => {
      if (!this.running) return;
      this.tick();
      this.schedule();
    });
  }

  private tick(): void {
    const { rate } = this.options;
    const due = Math.floor(((Date.now() - this.startedAt) * rate) / 1000);
    const maxBacklog = Math.max(1, Math.ceil((rate * MAX_CATCH_UP_MS) / 1000));
    if (due - this.accounted > maxBacklog) this.accounted = due - maxBacklog;
    for (; this.accounted < due; this.accounted++) this.startCall();
  }

  private startCall(): void {
    const { random } = this.pbx;
    const o = this.options;
    const queue = o.queues[this.callsStarted % o.queues.length] as string;
    const ringMs = random.int(o.ringMs[0], o.ringMs[1]);
    const abandons = random.chance(o.abandonRate);
    this.pbx.startInboundCall(queue, {
      callerNumber: `06${String(random.int(10_000_000, 99_999_999))}`,
      ringMs,
      talkMs: random.int(o.talkMs[0], o.talkMs[1]),
      // Hanging up before the ring time is over makes it an abandon while the agent is rung.
      abandonAfterMs: abandons ? random.int(1, Math.max(1, ringMs - 1)) : undefined,
    });
    this.callsStarted++;
  }
}

export function resolveLoadOptions(options: LoadOptions, allQueues: readonly string[]): Resolved {
  const rate = options.rate ?? DEFAULT_LOAD.rate;
  const agents = options.agents ?? DEFAULT_LOAD.agents;
  const queues = options.queues ?? allQueues;
  const ringMs = options.ringMs ?? DEFAULT_LOAD.ringMs;
  const talkMs = options.talkMs ?? DEFAULT_LOAD.talkMs;
  const abandonRate = options.abandonRate ?? DEFAULT_LOAD.abandonRate;
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new Error(
      `pbx-sim: load rate must be a positive number of calls per second, got ${rate}`,
    );
  }
  if (!Number.isInteger(agents) || agents < 1 || agents > MAX_LOAD_AGENTS) {
    throw new Error(`pbx-sim: load agents must be a whole number from 1 to ${MAX_LOAD_AGENTS}`);
  }
  if (queues.length === 0) throw new Error('pbx-sim: load needs at least one queue');
  for (const q of queues) {
    if (!allQueues.includes(q)) throw new Error(`pbx-sim: no queue named ${q}`);
  }
  for (const [what, range] of [
    ['ringMs', ringMs],
    ['talkMs', talkMs],
  ] as const) {
    if (!(range[0] >= 1 && range[1] >= range[0])) {
      throw new Error(`pbx-sim: load ${what} must be a range [min, max] with 1 <= min <= max`);
    }
  }
  if (!(abandonRate >= 0 && abandonRate <= 1)) {
    throw new Error('pbx-sim: load abandonRate must be between 0 and 1');
  }
  return { rate, agents, queues, ringMs, talkMs, abandonRate };
}
