import { assertNever } from '@switchboard/contracts';
import { sql, type SelectQueryBuilder } from 'kysely';
import { agentCallsKey, ALL_CALLS, readCount } from '../store/call-counts';
import { engineOf, type ReportDb } from '../store/open-report-db';
import type { ReportDatabase } from '../store/schema';
import { applyCallFilter, FILTERED_COLUMNS, isEmptyFilter, type CallFilter } from './call-filter';
import { CallSearchIndex, COUNTED_NAMED, indexedTerm, plannedRows } from './call-search';

type CallSelect = SelectQueryBuilder<ReportDatabase, 'call_report', object>;


/**
 * How GET /api/calls obtains `filtered` (the `count` parameter, and the answer's `count` field):
 * - exact: COUNT(*) of the matching rows (its cost grows with their number), and `total` counted
 *   the same way;
 * - estimate: PostgreSQL's planner estimate (EXPLAIN: table statistics, no scan; can be far off
 *   when filters are correlated), except that where the planner expects fewer than
 *   EXACT_BELOW rows they are counted (reading at most that many index entries: cheap, and the
 *   planner is worst at narrow ranges such as one day). SQLite keeps no such statistics: there
 *   the matches are estimated from a sample (the share of matches among SAMPLE rows of the time
 *   range taken by caller number, times the rows in the range), and counted up to EXACT_BELOW
 *   where that estimate is low: counting them all took up to a second on 1M rows when two
 *   filters each matched many. A search is counted among the rows its trigram index names when
 *   they are few (countSearched), and its sample is smaller (SEARCH_SAMPLE);
 * - none: not counted; `filtered` is then a lower bound, the rows this page shows.
 * Whatever the mode, what costs nothing is exact: a page that is not full, and counts the
 * projection maintains (every row, an agent's own calls: store/call-counts.ts).
 */
export const COUNT_MODES = ['exact', 'estimate', 'none'] as const;
export type CountMode = (typeof COUNT_MODES)[number];

/** Below this many matching rows an estimate is replaced by the count. */
export const EXACT_BELOW = 10_000;

/** Rows an SQLite estimate looks at. */
const SAMPLE = 20_000;
/** … where the filter searches text: each sampled row is then read from the table (the searched
 *  columns are in no index), 50 ms for 20,000 rows of a 1M-row table, 7 ms for these. */
const SEARCH_SAMPLE = 5_000;

/** The page the counts go with. */
export interface PageSeen {
  readonly offset: number;
  readonly limit: number;
  /** Rows on the page. */
  readonly items: number;
  /** A cursor page cannot tell how many rows came before it. */
  readonly byCursor: boolean;
}

export interface FilteredCount {
  readonly filtered: number;
  /** How `filtered` was obtained: exact (counted, or known without counting), estimate, none. */
  readonly count: CountMode;
}

/** The maintained count that is exactly this filter, if there is one. */
function maintainedKey(filter: CallFilter): string | undefined {
  if (isEmptyFilter(filter)) return ALL_CALLS;
  const { userId, attribution, ...rest } = filter;
  return userId !== undefined && attribution === 'agent' && isEmptyFilter(rest) ? agentCallsKey(userId) : undefined;
}

/** The counts of a page of GET /api/calls, as cheap as the mode allows. */
export class CallCounter {
  private readonly search: CallSearchIndex;

  constructor(private readonly db: ReportDb) {
    this.search = new CallSearchIndex(db);
  }

  /** Rows the caller may see (its scope), before filters. */
  total(scope: CallFilter, mode: CountMode): Promise<number> {
    const key = mode === 'exact' ? undefined : maintainedKey(scope);
    return key !== undefined ? readCount(this.db, key) : this.countExactly({}, scope);
  }

  /** Rows that match the filter within the scope, on every page. */
  async filtered(filter: CallFilter, scope: CallFilter, mode: CountMode, page: PageSeen): Promise<FilteredCount> {
    const seen = page.offset + page.items;
    // A page that is not full ends the list: everything before it plus its rows is every match.
    if (!page.byCursor && page.items < page.limit && (page.items > 0 || page.offset === 0)) {
      return { filtered: seen, count: 'exact' };
    }
    const key = mode === 'exact' ? undefined : isEmptyFilter(filter) ? maintainedKey(scope) : isEmptyFilter(scope) ? maintainedKey(filter) : undefined;
    if (key !== undefined) return { filtered: await readCount(this.db, key), count: 'exact' };
    switch (mode) {
      case 'exact':
        return { filtered: await this.countExactly(filter, scope), count: 'exact' };
      case 'estimate':
        return engineOf(this.db) === 'sqlite' ? this.sampledEstimate(filter, scope, seen) : this.estimate(filter, scope, seen);
      case 'none':
        return { filtered: seen, count: 'none' };
      default:
        return assertNever(mode, 'count mode');
    }
  }

  private async countExactly(filter: CallFilter, scope: CallFilter): Promise<number> {
    const searched = await this.countSearched(filter, scope);
    if (searched !== undefined) return searched;
    const row = await applyCallFilter(applyCallFilter(this.db.selectFrom('call_report'), filter), scope)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** PostgreSQL: the planner's estimate, or the count where the planner expects few rows. */
  private async estimate(filter: CallFilter, scope: CallFilter, seen: number): Promise<FilteredCount> {
    const planned = await plannedRows(this.db, filter, scope);
    let counted = 0;
    if (planned < EXACT_BELOW) {
      counted = await this.countUpTo(filter, scope, EXACT_BELOW);
      if (counted < EXACT_BELOW) return { filtered: counted, count: 'exact' };
    }
    // Never fewer than the rows already seen (or counted): that would be plainly wrong.
    return { filtered: Math.max(seen, planned, counted), count: 'estimate' };
  }

  /**
   * SQLite: the share of matches in a sample of the time range's rows (the first SAMPLE by caller
   * number, read from the caller-number index alone, which holds every filter column: a spread
   * of calls that has nothing to do with their time or filters), times the rows of that range.
   * Where that comes out under twice EXACT_BELOW (a sample may miss a rare match), the matches
   * are counted instead, up to EXACT_BELOW.
   */
  private async sampledEstimate(filter: CallFilter, scope: CallFilter, seen: number): Promise<FilteredCount> {
    const searched = await this.countSearched(filter, scope);
    if (searched !== undefined) return { filtered: searched, count: 'exact' };
    const range: CallFilter = { ...(filter.from !== undefined ? { from: filter.from } : {}), ...(filter.until !== undefined ? { until: filter.until } : {}) };
    const rows = isEmptyFilter(range) ? await this.total(scope, 'estimate') : await this.countExactly(range, scope);
    const size = filter.search !== undefined || scope.search !== undefined ? SEARCH_SAMPLE : SAMPLE;
    const spread = applyCallFilter(applyCallFilter(this.db.selectFrom('call_report'), range), scope)
      .select(FILTERED_COLUMNS)
      .orderBy('caller_number')
      .limit(size);
    // The sample keeps the table's name, so the filter applies to it unchanged.
    const sample = this.db.selectFrom(spread.as('call_report')) as unknown as CallSelect;
    const hits = await applyCallFilter(sample, filter)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    const estimated = Math.round((Number(hits.n) / Math.max(1, Math.min(size, rows))) * rows);
    if (estimated < 2 * EXACT_BELOW) {
      const counted = await this.countUpTo(filter, scope, EXACT_BELOW);
      if (counted < EXACT_BELOW) return { filtered: counted, count: 'exact' };
    }
    // Never fewer than the rows already known to match.
    return { filtered: Math.max(seen, EXACT_BELOW, estimated), count: 'estimate' };
  }

  /**
   * SQLite, a search its trigram index serves (PostgreSQL's planner reads its GIN index for
   * the filter's own LIKEs): where the index names few rows for the term
   * (COUNTED_NAMED), the matches among them, counted (the filter tests each; every match is among
   * them). The sample would find few and count them in page order, reading the whole table for a
   * rare term. Undefined where there is no such search or the index names many.
   */
  private async countSearched(filter: CallFilter, scope: CallFilter): Promise<number | undefined> {
    const term = indexedTerm(filter, scope);
    if (term === undefined || engineOf(this.db) !== 'sqlite' || (await this.search.countNamed(term, COUNTED_NAMED + 1)) > COUNTED_NAMED) return undefined;
    const row = await applyCallFilter(applyCallFilter(this.search.named(term, filter, scope), filter), scope)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private matching(filter: CallFilter, scope: CallFilter) {
    return applyCallFilter(applyCallFilter(this.db.selectFrom('call_report'), filter), scope).select(sql<number>`1`.as('one'));
  }

  /** The matching rows, counted up to `limit` (reads no more than that many). */
  private async countUpTo(filter: CallFilter, scope: CallFilter, limit: number): Promise<number> {
    const row = await this.db
      .selectFrom(this.matching(filter, scope).limit(limit).as('m'))
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
