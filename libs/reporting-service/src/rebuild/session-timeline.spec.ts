import fc from 'fast-check';
import type { SessionEvent } from './session-timeline';
import { SessionTimeline } from './session-timeline';

/** A login (or logout) known by its id, at the time given. */
function sessionAt(at: string, id: number, type: SessionEvent['type'] = 'AgentLoggedIn'): SessionEvent {
  return { type, data: { agentId: `a${id}`, at }, metadata: { schemaVersion: 1, occurredAt: at } } as unknown as SessionEvent;
}

/**
 * The order the rebuild has always replayed sessions in, written the plain way (the timeline's
 * first version): every session waiting, kept sorted by time with a stable sort, so sessions of
 * equal time stay in the order they were added; a PBX event takes those at or before its time.
 */
class SortedList {
  private pending: SessionEvent[] = [];

  add(event: SessionEvent): void {
    this.pending.push(event);
    this.pending.sort((a, b) => (a.data.at < b.data.at ? -1 : a.data.at > b.data.at ? 1 : 0));
  }

  takeUntil(time: string): SessionEvent[] {
    const due = this.pending.filter((e) => e.data.at <= time);
    this.pending = this.pending.filter((e) => e.data.at > time);
    return due;
  }

  takeAll(): SessionEvent[] {
    const all = this.pending;
    this.pending = [];
    return all;
  }
}

// Few distinct times, so that many sessions share one, and PBX events fall on them, between
// them and past them.
const time = (t: number) => `2026-03-01T08:00:${String(t).padStart(2, '0')}.000Z`;

type Step = { add: number; logout: boolean } | { until: number } | { all: true };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ add: fc.integer({ min: 0, max: 9 }), logout: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ until: fc.integer({ min: 0, max: 10 }) }) },
  { weight: 1, arbitrary: fc.constant({ all: true as const }) },
);

describe('SessionTimeline', () => {
  it('gives every session out at or before the time asked, in time order, then in the order added', () => {
    const timeline = new SessionTimeline();
    const [a, b, c, d] = [sessionAt(time(5), 1), sessionAt(time(2), 2), sessionAt(time(5), 3, 'AgentLoggedOut'), sessionAt(time(2), 4)];
    for (const e of [a, b, c, d]) timeline.add(e);
    expect(timeline.takeUntil(time(1))).toEqual([]);
    expect(timeline.takeUntil(time(2))).toEqual([b, d]);
    expect(timeline.takeUntil(time(4))).toEqual([]);
    const late = sessionAt(time(3), 5);
    timeline.add(late);
    expect(timeline.takeAll()).toEqual([late, a, c]);
    expect(timeline.takeAll()).toEqual([]);
  });

  it('replays exactly as the sorted list did, whatever adds and takes interleave', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const timeline = new SessionTimeline();
        const list = new SortedList();
        let id = 0;
        for (const s of steps) {
          if ('add' in s) {
            const event = sessionAt(time(s.add), id++, s.logout ? 'AgentLoggedOut' : 'AgentLoggedIn');
            timeline.add(event);
            list.add(event);
          } else if ('until' in s) {
            // The same objects in the same order (toBe per element: not just equal-looking ones).
            const due = timeline.takeUntil(time(s.until));
            const expected = list.takeUntil(time(s.until));
            expect(due.length).toBe(expected.length);
            due.forEach((e, i) => expect(e).toBe(expected[i]));
          } else {
            const all = timeline.takeAll();
            const expected = list.takeAll();
            expect(all.length).toBe(expected.length);
            all.forEach((e, i) => expect(e).toBe(expected[i]));
          }
        }
        expect(timeline.takeAll()).toEqual(list.takeAll());
      }),
      { numRuns: 500 },
    );
  });

  it('costs about log n per session and one look per PBX event with nothing due (a year of logins)', () => {
    // The sorted list re-sorted every session on add and scanned every session on each PBX event:
    // hours of rebuild for a year of a busy centre's logins. Counted, not timed: reads of a
    // session's time, each of which a comparison needs.
    let reads = 0;
    const counted = (at: string, id: number): SessionEvent => {
      const event = sessionAt(at, id);
      Object.defineProperty(event.data, 'at', {
        get: () => {
          reads++;
          return at;
        },
      });
      return event;
    };
    const sessions = 20_000;
    const pbxEvents = 100_000;
    const start = Date.UTC(2026, 0, 1);
    const year = 365 * 86_400_000;
    const timeline = new SessionTimeline();
    // Read from the event store roughly in time order, with some late ones.
    for (let i = 0; i < sessions; i++) {
      const ms = start + (i * year) / sessions - (i % 10 === 0 ? 5 * 86_400_000 : 0);
      timeline.add(counted(new Date(ms).toISOString(), i));
    }
    let taken = 0;
    let previous = '';
    let timelineReads = reads;
    for (let j = 0; j < pbxEvents; j++) {
      const before = reads;
      const due = timeline.takeUntil(new Date(start + (j * year) / pbxEvents).toISOString());
      timelineReads += reads - before;
      for (const e of due) {
        expect(e.data.at >= previous).toBe(true);
        previous = e.data.at;
      }
      taken += due.length;
    }
    const before = reads;
    taken += timeline.takeAll().length;
    timelineReads += reads - before;
    expect(taken).toBe(sessions);
    // 1.1 million here; the sorted list made 2 billion (and 40 s).
    expect(timelineReads).toBeLessThan(2 * (sessions + pbxEvents) * Math.log2(sessions));
  });
});
