import { TransientError, type ConsumeBatchOptions, type ConsumeOptions, type DeliveredMessage } from './bus.port';

/**
 * Both ways of consuming as one, inside the adapters: a handler of up to `maxBatch` messages. A
 * single-message consumer is a batch consumer of at most one, with the same outcomes (ack, nak
 * with delay, poison), so the adapters have one delivery path.
 */
export interface Delivery<T> {
  readonly durable: string;
  readonly filterSubject: string;
  readonly maxAckPending?: number;
  readonly maxBatch: number;
  readonly handle: (messages: readonly DeliveredMessage<T>[]) => Promise<void>;
  readonly onPoison?: (message: DeliveredMessage<unknown>, error: unknown) => void;
}

export function singleDelivery<T>(options: ConsumeOptions<T>): Delivery<T> {
  const { handler, ...rest } = options;
  return { ...rest, maxBatch: 1, handle: (messages) => handler(messages[0] as DeliveredMessage<T>) };
}

export function batchDelivery<T>(options: ConsumeBatchOptions<T>): Delivery<T> {
  const { handler, ...rest } = options;
  if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) {
    throw new Error(`consumer ${options.durable}: maxBatch must be a positive integer`);
  }
  return { ...rest, handle: handler };
}

/** What one call of the handler means for the messages it was given. */
export type Outcome =
  | { readonly kind: 'ack' }
  | { readonly kind: 'retry'; readonly afterMs: number }
  /** Poison when the call had one message; a batch is split in halves, each tried again. */
  | { readonly kind: 'failed'; readonly error: unknown };

export async function outcomeOf<T>(delivery: Delivery<T>, messages: readonly DeliveredMessage<T>[]): Promise<Outcome> {
  try {
    // Inside the try: a handler that throws synchronously is an outcome too.
    await delivery.handle(messages);
    return { kind: 'ack' };
  } catch (error) {
    return error instanceof TransientError ? { kind: 'retry', afterMs: error.retryAfterMs } : { kind: 'failed', error };
  }
}

/** Calls onPoison; a callback that throws is the callback's problem, never the consumer's. */
export function reportPoison(
  delivery: Pick<Delivery<unknown>, 'durable' | 'onPoison'>,
  message: DeliveredMessage<unknown>,
  error: unknown,
  log: (line: string) => void,
): void {
  try {
    delivery.onPoison?.(message, error);
  } catch (callbackError) {
    log(`consumer ${delivery.durable}: onPoison threw: ${describeError(callbackError)}`);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
