import { Inject, Injectable } from '@nestjs/common';
import { toCallRow, type CallState } from '@switchboard/call-report';
import type { CallReportRow } from '@switchboard/contracts';
import { REPORT_DB } from '../tokens';
import type { ReportDb } from '../store/open-report-db';
import { CallCounter, type CountMode } from './call-counter';
import { encodeCursor, type CallCursor, type SortOrder } from './call-cursor';
import { applyCallFilter, filterPart, type CallFilter } from './call-filter';

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

/** A page's worth of rows as stored: their keyset position and their state. */
interface StoredRow {
  readonly sort_at: string;
  readonly call_id: string;
  readonly queue: string;
  readonly row_json: string;
}

/** Reads the Report Call Table: newest calls first unless asked otherwise. */
@Injectable()
export class CallQueryService {
  private readonly counter: CallCounter;

  constructor(@Inject(REPORT_DB) private readonly db: ReportDb) {
    this.counter = new CallCounter(db);
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
   * match's whole row would be read to be sorted. The other filters read their rows in order from
   * an index, where one statement is cheaper than two (a third faster for the CSV export).
   */
  async page(query: CallQuery, scope: CallFilter = {}): Promise<StoredRow[]> {
    if (query.callerNumberPrefix === undefined && scope.callerNumberPrefix === undefined) {
      return this.keyset(query, scope).select(['sort_at', 'call_id', 'queue', 'row_json']).execute();
    }
    const keys = await this.keyset(query, scope).select(['sort_at', 'call_id', 'queue']).execute();
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

  /** The page's rows, filtered, in keyset order, after the cursor: columns still to choose. */
  private keyset(query: CallQuery, scope: CallFilter) {
    const order = query.cursor?.order ?? query.order ?? 'desc';
    let q = applyCallFilter(applyCallFilter(this.db.selectFrom('call_report'), query), scope);
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
