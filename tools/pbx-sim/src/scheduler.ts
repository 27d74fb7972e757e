// Every timer the simulator starts goes through one Scheduler, so stop() can cancel all of them
// at once and jest exits without open handles. Callbacks that throw are reported, not rethrown:
// one broken call flow must not take the whole simulator (and its other clients) down.

export interface TimerHandle {
  cancel(): void;
}

export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Run fn after ms milliseconds (0 = on a later turn of the event loop, never synchronously). */
  after(ms: number, fn: () => void): TimerHandle {
    if (this.stopped) return { cancel: () => undefined };
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.run(fn);
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
    return {
      cancel: () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      },
    };
  }

  /** Cancel every timer; later after() calls become no-ops. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private run(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.onError(error);
    }
  }
}
