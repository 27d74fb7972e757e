import { Events, type NatsConnection } from 'nats';
import type { NatsLink } from './nats-pull-consumer';

/** Follows the connection's status events, so consumers know when fetching is pointless. */
export class ConnectionLink implements NatsLink {
  private up = true;
  private waiters: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly nc: NatsConnection) {
    void this.follow();
  }

  get connected(): boolean {
    return this.up;
  }

  untilConnected(): Promise<void> {
    if (this.up) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Releases the waiters for good (the bus is closing); the status feed ends with the connection. */
  stop(): void {
    this.stopped = true;
    this.markUp();
  }

  private async follow(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === Events.Disconnect && !this.stopped) this.up = false;
      else if (s.type === Events.Reconnect) this.markUp();
    }
  }

  private markUp(): void {
    this.up = true;
    for (const wake of this.waiters.splice(0)) wake();
  }
}
