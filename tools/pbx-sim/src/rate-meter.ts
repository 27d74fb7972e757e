// Events per second over a sliding one-second window, for stats(). 100 ms buckets rotated lazily
// on every mark/read: no timer of its own (nothing to cancel at stop(), nothing keeping jest
// alive), and the figure moves smoothly instead of jumping once a second.

const BUCKET_MS = 100;
/** Completed buckets that make up the window (10 × 100 ms = 1 s). */
const WINDOW = 10;
/** The window plus the bucket being filled now. */
const RING = WINDOW + 1;

export class RateMeter {
  private readonly counts = new Array<number>(RING).fill(0);
  /** Index (time / BUCKET_MS) of the bucket being filled. */
  private head: number;

  constructor(private readonly now: () => number = Date.now) {
    this.head = Math.floor(now() / BUCKET_MS);
  }

  mark(count = 1): void {
    this.rotate();
    const slot = this.head % RING;
    this.counts[slot] = (this.counts[slot] ?? 0) + count;
  }

  /**
   * Count over the last full second: the ten completed buckets. The bucket being filled is left
   * out, it would make the figure dip at every bucket start.
   */
  perSecond(): number {
    this.rotate();
    let total = 0;
    for (let i = 0; i < RING; i++) {
      if (i !== this.head % RING) total += this.counts[i] ?? 0;
    }
    return total;
  }

  private rotate(): void {
    const current = Math.floor(this.now() / BUCKET_MS);
    if (current <= this.head) return;
    const steps = Math.min(current - this.head, RING);
    for (let i = 1; i <= steps; i++) this.counts[(this.head + i) % RING] = 0;
    this.head = current;
  }
}
