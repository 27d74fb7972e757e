import type { ConsumerInfo } from 'nats';

export interface LagSettings {
  /** Not ready above this many messages; 0: no bound. */
  readonly maxLag: number;
  /** How often the server is asked (consumer info), not on every readiness check. */
  readonly everyMs: number;
}

export interface LagReading {
  /** Messages not processed yet, when known. */
  readonly lag?: number;
  /** Set when the lag is above the bound. */
  readonly problem?: string;
  readonly detail?: string;
}

/**
 * A durable's lag as the server counts it, refreshed on a timer: num_pending (not delivered yet)
 * plus num_ack_pending (delivered, not acknowledged: in a client's buffer or handler). num_pending
 * alone would read 0 while a whole pull of messages waits in this process. Shared by every
 * replica of the durable, so all of them report the same lag.
 */
export class ConsumerLagWatch {
  private last: { readonly pending: number; readonly ackPending: number } | null = null;
  private inFlight = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly info: () => Promise<ConsumerInfo>,
    private readonly settings: LagSettings,
  ) {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), settings.everyMs);
    // Never what keeps a process alive.
    this.timer.unref();
  }

  reading(): LagReading {
    if (!this.last) return {};
    const lag = this.last.pending + this.last.ackPending;
    const detail = `lag ${lag} (pending ${this.last.pending}, ack pending ${this.last.ackPending})`;
    if (this.settings.maxLag > 0 && lag > this.settings.maxLag) {
      return { lag, detail, problem: `${detail} above READY_MAX_CONSUMER_LAG ${this.settings.maxLag}` };
    }
    return { lag, detail };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      const info = await this.info();
      this.last = { pending: info.num_pending, ackPending: info.num_ack_pending };
    } catch {
      // Keep the last reading: a server that cannot answer is what the fetch loop reports (the
      // consumer is not ready while it cannot fetch), not a lag.
    } finally {
      this.inFlight = false;
    }
  }
}
