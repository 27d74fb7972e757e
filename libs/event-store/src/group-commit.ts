/** What one request of a batch came to: its own result, or its own error. */
export type BatchOutcome<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly error: unknown };

interface Waiting<Q, R> {
  readonly request: Q;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for a synchronous store: requests submitted during one turn of the event loop are
 * handed to `commit` together at the next check phase (setImmediate), so they share one
 * transaction and one sync to disk. With a synchronous driver nothing can arrive while a commit
 * runs, so "while one is in flight" means "while the loop is busy": every caller that runs before
 * the loop comes round (typically all the commands whose previous append just resolved) joins.
 *
 * `commit` returns one outcome per request, in order (a map over the requests); each promise settles only after `commit`
 * returned, i.e. after the transaction committed. If `commit` throws, every request of the batch
 * fails with that error (nothing of it was committed).
 */
export class GroupCommit<Q, R> {
  private pending: Waiting<Q, R>[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly commit: (requests: readonly Q[]) => readonly BatchOutcome<R>[]) {}

  submit(request: Q): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits what is pending now, synchronously (also what close() calls before closing). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let outcomes: readonly BatchOutcome<R>[];
    try {
      outcomes = this.commit(batch.map((w) => w.request));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i] as BatchOutcome<R>;
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
