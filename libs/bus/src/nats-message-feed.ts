import type { ConsumerMessages, JsMsg } from 'nats';

type Step = { readonly value: IteratorResult<JsMsg> } | { readonly error: unknown };

const NOT_YET = Symbol('not yet');

/**
 * nats.js's message iterator, read so that a batch can be made of what has already arrived
 * without waiting for more. An iterator's next() cannot be withdrawn, so the one call that found
 * nothing yet is kept for the next read; its outcome is captured at once (a failure of the feed
 * while nobody awaits it must not become an unhandled rejection).
 */
export class NatsMessageFeed {
  private readonly iterator: AsyncIterator<JsMsg>;
  private pending: Promise<Step> | null = null;
  private ended = false;

  constructor(messages: ConsumerMessages) {
    this.iterator = messages[Symbol.asyncIterator]();
  }

  /** The next message, waiting for it; undefined once the feed ended. Throws what the feed threw. */
  async next(): Promise<JsMsg | undefined> {
    if (this.ended) return undefined;
    return this.take(await this.request());
  }

  /**
   * The next message if it has already arrived (nats.js hands buffered messages over within a
   * few microtasks; a macrotask later they have been); undefined otherwise. A failure or the end
   * of the feed is left for next() to report, after the batch in hand is handled.
   */
  async nextIfArrived(): Promise<JsMsg | undefined> {
    if (this.ended) return undefined;
    const step = await Promise.race([this.request(), new Promise<typeof NOT_YET>((resolve) => setImmediate(() => resolve(NOT_YET)))]);
    if (step === NOT_YET || 'error' in step || step.value.done) return undefined;
    return this.take(step);
  }

  private request(): Promise<Step> {
    this.pending ??= this.iterator.next().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    return this.pending;
  }

  private take(step: Step): JsMsg | undefined {
    this.pending = null;
    if ('error' in step) {
      this.ended = true;
      throw step.error;
    }
    if (step.value.done) {
      this.ended = true;
      return undefined;
    }
    return step.value.value;
  }
}
