// Demo traffic: agents dial their login numbers now and then, the reception phone occasionally
// dials one and gets refused, and customers call helpdesk and sales at a steady trickle, most
// answered, some giving up. The simulator only plays the phones and the PBX; logging agents in
// is the gateway's job (it reacts to the UserEvents with QueueAdd and Redirect).

import type { DemoAgent, DemoOptions } from './options';
import { DEFAULT_DEMO } from './options';
import type { Pbx } from './pbx';
import type { TimerHandle } from './scheduler';

export class DemoDriver {
  private readonly options: Required<DemoOptions>;
  private featureTimer: TimerHandle | undefined;
  private inboundTimer: TimerHandle | undefined;
  private running = false;

  constructor(
    private readonly pbx: Pbx,
    options: DemoOptions = {},
  ) {
    this.options = { ...DEFAULT_DEMO, ...options };
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleFeatureCode();
    this.scheduleInbound();
  }

  stop(): void {
    this.running = false;
    this.featureTimer?.cancel();
    this.inboundTimer?.cancel();
  }

  /** One feature-code call now (exposed for tests). Returns what was dialled, if anything. */
  featureCodeTick(): { ext: string; code: string } | undefined {
    const o = this.options;
    const random = this.pbx.random;
    const idle = o.agents.filter((a) => this.pbx.phones.isIdle(a.ext));
    const stranger = this.pbx.phones.isIdle(o.strangerExt) ? o.strangerExt : undefined;
    let choice: { ext: string; code: string } | undefined;
    if (stranger && (idle.length === 0 || random.chance(o.strangerRate))) {
      const anyCode = Object.values(o.loginCodes)[0] ?? o.globalCode;
      choice = { ext: stranger, code: anyCode };
    } else if (idle.length > 0) {
      const agent = random.pick(idle);
      choice = { ext: agent.ext, code: this.codeFor(agent) };
    }
    if (!choice) return undefined;
    this.pbx.dialFeatureCode(choice.ext, choice.code);
    return choice;
  }

  /** One inbound call now (exposed for tests). Returns the queue it went to. */
  inboundTick(): string {
    const o = this.options;
    const random = this.pbx.random;
    const queues = Object.fromEntries(
      Object.entries(o.inboundQueues).filter(([q]) => this.pbx.queues.has(q)),
    );
    const queue = random.weighted(queues);
    const callerNumber = `06${String(random.int(10_000_000, 99_999_999))}`;
    const abandons = random.chance(o.abandonRate);
    this.pbx.startInboundCall(queue, {
      callerNumber,
      ringMs: random.int(o.ringMs[0], o.ringMs[1]),
      talkMs: random.int(o.talkMs[0], o.talkMs[1]),
      abandonAfterMs: abandons ? random.int(3_000, 12_000) : undefined,
    });
    return queue;
  }

  private codeFor(agent: DemoAgent): string {
    const o = this.options;
    const random = this.pbx.random;
    const codes = agent.queues
      .map((q) => o.loginCodes[q])
      .filter((c): c is string => c !== undefined);
    // Agents in several queues sometimes use the global number instead.
    if (codes.length === 0 || (agent.queues.length > 1 && random.chance(0.4))) return o.globalCode;
    return random.pick(codes);
  }

  private scheduleFeatureCode(): void {
    if (!this.running) return;
    const delay = this.jitter(this.options.featureCodeEveryMs);
    this.featureTimer = this.pbx.scheduler.after(delay, () => {
      this.featureCodeTick();
      this.scheduleFeatureCode();
    });
  }

  private scheduleInbound(): void {
    if (!this.running) return;
    const delay = this.jitter(this.options.inboundEveryMs);
    this.inboundTimer = this.pbx.scheduler.after(delay, () => {
      this.inboundTick();
      this.scheduleInbound();
    });
  }

  /** Mean ± 50 %, so traffic does not tick like a metronome. */
  private jitter(mean: number): number {
    return Math.round(mean * (0.5 + this.pbx.random.next()));
  }
}
