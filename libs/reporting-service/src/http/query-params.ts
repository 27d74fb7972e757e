import { AMI_SAFE_TEXT } from '@switchboard/platform';
import { z } from 'zod';
import { decodeCursor } from '../query/call-cursor';

/** Query-string schemas shared by the reporting routes. */

/** ISO 8601 with an offset, normalised to the UTC text the table stores (sorts as text). */
export const isoTime = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 time' })
  .transform((t) => new Date(t).toISOString());
/** A filter value: as long as the names Asterisk allows (a 150-character Linkedid, long queue and
 *  interface names), bounded so a query string stays small. */
export const text = z.string().min(1).max(255).regex(AMI_SAFE_TEXT, 'must not contain CR, LF or NUL');

export const page = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(100_000, 'deep pages: use the cursor').default(0),
};

export const cursor = z
  .string()
  .max(1024)
  .transform((value, ctx) => {
    const decoded = decodeCursor(value);
    if (!decoded) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not a cursor this API returned' });
      return z.NEVER;
    }
    return decoded;
  });

/** from < until when both are given. */
export function intervalIsOrdered(q: { from?: string; until?: string }): boolean {
  return q.from === undefined || q.until === undefined || q.from < q.until;
}
