import type { Attribution, CallOutcome } from '@switchboard/contracts';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { ReportDatabase } from '../store/schema';

/** What GET /api/calls filters on; every field optional, all of them ANDed. */
export interface CallFilter {
  /** ISO 8601 UTC: the caller entered the queue at or after this time. */
  readonly from?: string;
  /** ISO 8601 UTC: … and before this time. */
  readonly until?: string;
  readonly queue?: string;
  readonly agentId?: string;
  readonly phoneId?: string;
  readonly userId?: string;
  readonly outcome?: CallOutcome;
  readonly attribution?: Attribution;
  /** A prefix of the caller's number. */
  readonly callerNumberPrefix?: string;
  /** Text found anywhere in the caller's number or name, the call id or the disposition code. */
  readonly search?: string;
}

/** Every filter field, to take the filter out of a larger query object. */
const FILTER_KEYS = [
  'from',
  'until',
  'queue',
  'agentId',
  'phoneId',
  'userId',
  'outcome',
  'attribution',
  'callerNumberPrefix',
  'search',
] as const satisfies ReadonlyArray<keyof CallFilter>;

/** The filter fields of `query` that are set; nothing else. */
export function filterPart(query: CallFilter): CallFilter {
  return Object.fromEntries(FILTER_KEYS.filter((k) => query[k] !== undefined).map((k) => [k, query[k]])) as CallFilter;
}

export function isEmptyFilter(filter: CallFilter): boolean {
  return FILTER_KEYS.every((k) => filter[k] === undefined);
}

type CallSelect<O> = SelectQueryBuilder<ReportDatabase, 'call_report', O>;

/** The columns applyCallFilter reads (a query that filters a subquery must select them). */
export const FILTERED_COLUMNS = [
  'sort_at',
  'queue',
  'agent_id',
  'phone_id',
  'user_id',
  'outcome',
  'attribution',
  'caller_number',
  'caller_name',
  'call_id',
  'disposition_code',
] as const satisfies ReadonlyArray<keyof ReportDatabase['call_report']>;

/** The highest code point: `p <= x < p + MAX` is "x starts with p" as an index range. */
const MAX_CHAR = '\uffff';

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filter as WHERE clauses. Times compare with sort_at (entered_at, '' when unknown), which
 * every filter index ends with; a row without an entry time matches no time range.
 */
export function applyCallFilter<O>(query: CallSelect<O>, f: CallFilter): CallSelect<O> {
  let q = query;
  if (f.from !== undefined) q = q.where('sort_at', '>=', f.from);
  if (f.until !== undefined) q = q.where('sort_at', '<', f.until).where('sort_at', '>', '');
  if (f.queue !== undefined) q = q.where('queue', '=', f.queue);
  if (f.agentId !== undefined) q = q.where('agent_id', '=', f.agentId);
  if (f.phoneId !== undefined) q = q.where('phone_id', '=', f.phoneId);
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.outcome !== undefined) q = q.where('outcome', '=', f.outcome);
  if (f.attribution !== undefined) q = q.where('attribution', '=', f.attribution);
  if (f.callerNumberPrefix !== undefined) {
    q = q
      .where('caller_number', '>=', f.callerNumberPrefix)
      .where('caller_number', '<', f.callerNumberPrefix + MAX_CHAR);
  }
  if (f.search !== undefined) {
    const pattern = likePattern(f.search);
    // lower(): LIKE ignores case on SQLite but not on PostgreSQL. The escape character is
    // explicit: SQLite has none by default.
    q = q.where((eb) =>
      eb.or(
        (['caller_number', 'caller_name', 'call_id', 'disposition_code'] as const).map(
          (c) => sql<boolean>`lower(coalesce(${sql.ref(c)}, '')) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  return q;
}
