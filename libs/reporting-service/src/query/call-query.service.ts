import { Inject, Injectable } from '@nestjs/common';
import { toCallRow, type CallState } from '@switchboard/call-report';
import type { CallReportRow } from '@switchboard/contracts';
import { sql, type SelectQueryBuilder } from 'kysely';
import { REPORT_DB } from '../tokens';
import type { ReportDb } from '../store/open-report-db';
import type { ReportDatabase } from '../store/schema';
import { CallCounter, type CountMode } from './call-counter';
import { encodeCursor, type CallCursor, type SortOrder } from './call-cursor';
import { applyCallFilter, FILTERED_COLUMNS, filterPart, type CallFilter } from './call-filter';
import { CallSearchIndex, indexedTerm } from './call-search';

export interface CallQuery extends CallFilter {
  readonly order?: SortOrder;
  readonly limit: number;
  readonly offset?: number;
  /** Continue after this row (keyset); the cursor's order wins over `order`. */
  readonly cursor?: CallCursor;
  /** How to count `filtered` (see CountMode); by default estimated, and not counted on cursor pages. */
  readonly count?: CountMode;
}

export interface CallPage {
  readonly items: CallReportRow[];
  /** Rows the caller may see, before filters: exact (a count the projection maintains, or counted). */
  readonly total: number;
  /** Rows that match the filters (all pages): exact, estimated, or a lower bound, as `count` says. */
  readonly filtered: number;
  /** How `filtered` was obtained: exact, estimate, or none (not counted: the rows of this page and before). */
  readonly count: CountMode;
  /** The cursor of the next page, or null on the last one. */
  readonly nextCursor: string | null;
}

/** A row's keyset position. */
interface Keys {
  readonly sort_at: string;
  readonly call_id: string;
  readonly queue: string;
}

const KEYSET_COLUMNS = ['sort_at', 'call_id', 'queue'] as const;

/** A page's worth of rows as stored: their keyset position and their state. */
interface StoredRow extends Keys {
  readonly row_json: string;
}

/** call_report, or rows shaped like it under its name. */
type CallSource = SelectQueryBuilder<ReportDatabase, 'call_report', object>;

/**
 * A search that the index does not settle is looked for in page order first, in this many rows
 * per row wanted (offset + limit), and no fewer than ORDERED_READ_MIN: a term in 1% of the rows
 * fills its page in them (a page of 100: 10,000 rows, about 10 ms on SQLite and PostgreSQL; a
 * CSV batch of 1,000: 100,000).
 */
const ORDERED_READ_PER_ROW = 100;
const ORDERED_READ_MIN = 10_000;

/** Reads the Report Call Table: newest calls first unless asked otherwise. */
@Injectable()
export class CallQueryService {
  private readonly counter: CallCounter;
  private readonly search: CallSearchIndex;

  constructor(@Inject(REPORT_DB) private readonly db: ReportDb) {
    this.counter = new CallCounter(db);
    this.search = new CallSearchIndex(db);
  }

  /**
   * One page and its counts. Counting every match is what made a page slow on a large table, so
   * `filtered` is counted only as far as `query.count` asks (the page first: a page that is not
   * full tells the count for free).
   */
  async list(query: CallQuery, scope: CallFilter = {}): Promise<CallPage> {
    const mode = query.count ?? (query.cursor ? 'none' : 'estimate');
    const [rows, total] = await Promise.all([this.page(query, scope), this.counter.total(scope, mode)]);
    const { filtered, count } = await this.counter.filtered(filterPart(query), scope, mode, {
      offset: query.offset ?? 0,
      limit: query.limit,
      items: rows.length,
      byCursor: query.cursor !== undefined,
    });
    const last = rows[rows.length - 1];
    const order = query.cursor?.order ?? query.order ?? 'desc';
    return {
      items: rows.map((r) => toCallRow(JSON.parse(r.row_json) as CallState)),
      total,
      filtered,
      count,
      nextCursor:
        rows.length === query.limit && last
          ? encodeCursor({ sortAt: last.sort_at, callId: last.call_id, queue: last.queue, order })
          : null,
    };
  }

  /**
   * The rows of one page in keyset order. `scope` is what the caller may see (an agent: its own
   * calls), applied on top of the query's filters so no filter can widen it.
   *
   * A caller-number prefix is a range: its matches cannot come out of an index in the keyset
   * order, they are sorted. Then the page's keys are read first, sorted from the index alone (it
   * holds the keyset columns: migration 0005), and only the page's rows after them; otherwise every
   * match's whole row would be read to be sorted. So is a search the trigram index serves
   * (searchedKeys). The other filters read their rows in order from an index, where one statement
   * is cheaper than two (a third faster for the CSV export).
   */
  async page(query: CallQuery, scope: CallFilter = {}): Promise<StoredRow[]> {
    const term = indexedTerm(query, scope);
    if (term !== undefined) return this.rowsOf(await this.searchedKeys(query, scope, term));
    if (query.callerNumberPrefix === undefined && scope.callerNumberPrefix === undefined) {
      return this.keyset(query, scope).select(['sort_at', 'call_id', 'queue', 'row_json']).execute();
    }
    return this.rowsOf(await this.keyset(query, scope).select(KEYSET_COLUMNS).execute());
  }

  /**
   * The page's keys for a search the trigram index serves (3 characters or more; see
   * call-search.ts). The index cannot give its rows in page order, so:
   * - where it names few rows (FEW_NAMED), the page comes from them, sorted (a rare term: a few
   *   lookups instead of the whole table read in page order, 0.7–0.9 s on 1M rows);
   * - else the page is looked for in page order, as without the index, but in a bounded number
   *   of rows (ORDERED_READ_PER_ROW: a common term fills a page of 100 in its first few hundred);
   * - and if those did not fill it (the matches are elsewhere: old calls whose names or ids are
   *   alike), from the rows the index names after all, unless the rows read were every row the
   *   other filters let through.
   * The filter, its LIKEs included, decides in every case: the index only chooses which rows
   * are tested.
   */
  private async searchedKeys(query: CallQuery, scope: CallFilter, term: string): Promise<Keys[]> {
    if (await this.search.namesFew(term, query, scope)) {
      return this.keyset(query, scope, this.search.named(term, query, scope)).select(KEYSET_COLUMNS).execute();
    }
    const unsearched = (f: CallFilter): CallFilter => ({ ...f, search: undefined });
    const reads = Math.max(ORDERED_READ_MIN, ORDERED_READ_PER_ROW * ((query.offset ?? 0) + query.limit));
    const inOrder = this.keyset({ ...unsearched(query), limit: reads, offset: 0 }, unsearched(scope));
    const read = this.db.selectFrom(inOrder.select(FILTERED_COLUMNS).as('call_report')) as unknown as CallSource;
    const keys = await this.keyset(query, scope, read).select(KEYSET_COLUMNS).execute();
    if (keys.length === query.limit) return keys;
    const counted = await this.db
      .selectFrom(inOrder.select(sql<number>`1`.as('one')).as('r'))
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(counted.n) < reads) return keys;
    return this.keyset(query, scope, this.search.named(term, query, scope)).select(KEYSET_COLUMNS).execute();
  }

  /** The stored rows of the keys, in their order. */
  private async rowsOf(keys: readonly Keys[]): Promise<StoredRow[]> {
    if (keys.length === 0) return [];
    const stored = await this.db
      .selectFrom('call_report')
      .select(['call_id', 'queue', 'row_json'])
      .where('call_id', 'in', [...new Set(keys.map((k) => k.call_id))])
      .execute();
    const byKey = new Map(stored.map((r) => [`${r.call_id}\u0000${r.queue}`, r.row_json]));
    // A row gone between the two reads (a rebuild's swap) is left out rather than failing the page.
    return keys.flatMap((k) => {
      const rowJson = byKey.get(`${k.call_id}\u0000${k.queue}`);
      return rowJson === undefined ? [] : [{ ...k, row_json: rowJson }];
    });
  }

  /**
   * The page's rows, filtered, in keyset order, after the cursor: columns still to choose. From
   * call_report, or from a source shaped like it (rows a search index names, rows read in order).
   */
  private keyset(query: CallQuery, scope: CallFilter, from: CallSource = this.db.selectFrom('call_report')) {
    const order = query.cursor?.order ?? query.order ?? 'desc';
    let q = applyCallFilter(applyCallFilter(from, query), scope);
    const cursor = query.cursor;
    if (cursor) {
      q = q.where((eb) =>
        eb(
          eb.refTuple('sort_at', 'call_id', 'queue'),
          order === 'desc' ? '<' : '>',
          eb.tuple(cursor.sortAt, cursor.callId, cursor.queue),
        ),
      );
    }
    return q
      .orderBy('sort_at', order)
      .orderBy('call_id', order)
      .orderBy('queue', order)
      .limit(query.limit)
      .offset(query.offset ?? 0);
  }

  /** The agent's own call list: only calls the agent disposed (attributed to the agent). */
  agentCalls(agentId: string, limit: number, offset: number): Promise<CallPage> {
    const scope: CallFilter = { userId: agentId, attribution: 'agent' };
    return this.list({ limit, offset }, scope);
  }
}
