import type { AgentLoggedIn, AgentLoggedOut } from '@switchboard/contracts';

export type SessionEvent = AgentLoggedIn | AgentLoggedOut;

/** A session waiting, with the order it was added in: what breaks ties between equal times. */
interface Pending {
  readonly event: SessionEvent;
  readonly added: number;
}

/** Time order (ISO 8601 UTC compared as text), then the order they were added in. */
function before(a: Pending, b: Pending): boolean {
  const x = a.event.data.at;
  const y = b.event.data.at;
  return x < y || (x === y && a.added < b.added);
}

/**
 * Logins and logouts waiting to be replayed between the PBX events, by their own time: who was
 * on which phone when a call was answered is what they decide. A rebuild reads the whole event
 * store before the journal, so every session of all time waits here (a busy centre has some
 * 150,000 a year) and the timeline is asked once per PBX event replayed: a binary min-heap, so
 * an add costs O(log n) and a PBX event with nothing due O(1). Order: by time, sessions of equal
 * time in the order they were added (the event store's), whenever they are added.
 */
export class SessionTimeline {
  private readonly heap: Pending[] = [];
  private added = 0;

  add(event: SessionEvent): void {
    const heap = this.heap;
    const item: Pending = { event, added: this.added++ };
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const up = heap[parent] as Pending;
      if (!before(item, up)) break;
      heap[i] = up;
      i = parent;
    }
    heap[i] = item;
  }

  /** The sessions that happened at or before `time`, in time order, taken out of the timeline. */
  takeUntil(time: string): SessionEvent[] {
    const due: SessionEvent[] = [];
    while (this.heap.length > 0 && (this.heap[0] as Pending).event.data.at <= time) due.push(this.pop());
    return due;
  }

  /** Every session left, in time order; the timeline is empty after. */
  takeAll(): SessionEvent[] {
    const all: SessionEvent[] = [];
    while (this.heap.length > 0) all.push(this.pop());
    return all;
  }

  private pop(): SessionEvent {
    const heap = this.heap;
    const top = heap[0] as Pending;
    const last = heap.pop() as Pending;
    const n = heap.length;
    if (n > 0) {
      // Sift the last item down from the root.
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && before(heap[right] as Pending, heap[left] as Pending) ? right : left;
        if (!before(heap[child] as Pending, last)) break;
        heap[i] = heap[child] as Pending;
        i = child;
      }
      heap[i] = last;
    }
    return top.event;
  }
}
