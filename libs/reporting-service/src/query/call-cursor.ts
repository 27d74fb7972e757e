import { z } from 'zod';

export type SortOrder = 'asc' | 'desc';

/**
 * Where a page ended, in the keyset order (sort_at, call_id, queue): the next page starts right
 * after it, so deep pages cost what the first one does, and rows added meanwhile shift nothing.
 * Opaque to clients (base64url JSON); the order is inside so a cursor cannot be replayed the
 * other way round.
 */
export interface CallCursor {
  readonly sortAt: string;
  readonly callId: string;
  readonly queue: string;
  readonly order: SortOrder;
}

const cursorSchema = z
  .object({
    s: z.string().max(32),
    // A Linkedid (up to 150 characters in Asterisk) and a queue name, as long as the table holds.
    c: z.string().max(255),
    q: z.string().max(255),
    o: z.enum(['asc', 'desc']),
  })
  .strict();

export function encodeCursor(cursor: CallCursor): string {
  const body = { s: cursor.sortAt, c: cursor.callId, q: cursor.queue, o: cursor.order };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The cursor, or undefined when the text is not one of ours. */
export function decodeCursor(text: string): CallCursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success
      ? { sortAt: parsed.data.s, callId: parsed.data.c, queue: parsed.data.q, order: parsed.data.o }
      : undefined;
  } catch {
    return undefined;
  }
}
