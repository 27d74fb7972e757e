import { Injectable } from '@nestjs/common';
import type { PbxMembership } from '@switchboard/contracts';

interface Waiter {
  readonly expected: PbxMembership;
  readonly resolve: (seen: boolean) => void;
}

/** What a PBX member event says about one member. */
export interface MemberSighting extends PbxMembership {
  readonly pbxId: string;
  readonly queue: string;
  readonly interface: string;
}

const keyOf = (pbxId: string, queue: string, iface: string) => `${pbxId}\u0000${queue}\u0000${iface}`;

/**
 * Where the reactor waits for the PBX to show a decision. The PBX event consumer reports every
 * member event here; a waiter whose expectation it meets is released at once. Only this replica's
 * consumer feeds it, so a waiter that times out checks the PBX itself before retrying (another
 * replica may have taken the event).
 */
@Injectable()
export class MembershipWatch {
  private readonly waiters = new Map<string, Set<Waiter>>();

  /** Resolves true when the member is seen as expected, false after timeoutMs. */
  wait(pbxId: string, queue: string, iface: string, expected: PbxMembership, timeoutMs: number): Promise<boolean> {
    const key = keyOf(pbxId, queue, iface);
    return new Promise<boolean>((resolve) => {
      const set = this.waiters.get(key) ?? new Set<Waiter>();
      this.waiters.set(key, set);
      const timer = setTimeout(() => settle(false), timeoutMs);
      const waiter: Waiter = { expected, resolve: (seen) => settle(seen) };
      const settle = (seen: boolean) => {
        clearTimeout(timer);
        set.delete(waiter);
        if (set.size === 0 && this.waiters.get(key) === set) this.waiters.delete(key);
        resolve(seen);
      };
      set.add(waiter);
    });
  }

  /** A member event arrived: release the waiters it satisfies. */
  saw(sighting: MemberSighting): void {
    const set = this.waiters.get(keyOf(sighting.pbxId, sighting.queue, sighting.interface));
    if (!set) return;
    for (const waiter of [...set]) {
      const e = waiter.expected;
      if (e.member === sighting.member && (e.member === 'absent' || e.paused === sighting.paused)) waiter.resolve(true);
    }
  }

  /** Waiters still open (tests and shutdown). */
  get pending(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }
}
