/**
 * Leases: one live owner per key across replicas (one gateway per AMI connection). A holder
 * renews its lease well within the time to live; when it dies or is cut off, the lease expires
 * and a standby takes it.
 */
export interface LeaseCallbacks {
  /** This replica now owns the key: start the work. */
  onAcquired(): Promise<void> | void;
  /** Ownership is gone (or cannot be proven any more): stop the work at once. */
  onLost(): Promise<void> | void;
}

export interface LeaseHandle {
  readonly held: boolean;
  /** Stop campaigning; if held, stop the work (onLost) and free the key for a standby. */
  release(): Promise<void>;
}

export interface Leases {
  campaign(key: string, owner: string, callbacks: LeaseCallbacks): Promise<LeaseHandle>;
}

/** Single process: there is no other replica, the lease is always ours. */
export class InProcessLeases implements Leases {
  async campaign(_key: string, _owner: string, callbacks: LeaseCallbacks): Promise<LeaseHandle> {
    await callbacks.onAcquired();
    let held = true;
    return {
      get held() {
        return held;
      },
      release: async () => {
        if (!held) return;
        held = false;
        await callbacks.onLost();
      },
    };
  }
}
