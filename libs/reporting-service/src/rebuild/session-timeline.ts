import type { AgentLoggedIn, AgentLoggedOut } from '@switchboard/contracts';

export type SessionEvent = AgentLoggedIn | AgentLoggedOut;

/**
 * Logins and logouts waiting to be replayed between the PBX events, by their own time: who was
 * on which phone when a call was answered is what they decide. Few (a handful per agent and
 * day), so they are held in memory.
 */
export class SessionTimeline {
  private pending: SessionEvent[] = [];

  add(event: SessionEvent): void {
    this.pending.push(event);
    this.pending.sort((a, b) => (a.data.at < b.data.at ? -1 : a.data.at > b.data.at ? 1 : 0));
  }

  /** The sessions that happened at or before `time`, in time order, taken out of the timeline. */
  takeUntil(time: string): SessionEvent[] {
    const due = this.pending.filter((e) => e.data.at <= time);
    if (due.length > 0) this.pending = this.pending.filter((e) => e.data.at > time);
    return due;
  }

  takeAll(): SessionEvent[] {
    const all = this.pending;
    this.pending = [];
    return all;
  }
}
