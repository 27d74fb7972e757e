import { Inject, Injectable } from '@nestjs/common';
import { toCallRow, type CallState } from '@switchboard/call-report';
import type { CallReportRow } from '@switchboard/contracts';
import { REPORT_DB } from '../tokens';
import type { ReportDb } from '../store/open-report-db';
import { encodeCursor, type CallCursor, type SortOrder } from './call-cursor';
import { applyCallFilter, type CallFilter } from './call-filter';

export interface CallQuery extends CallFilter {
  readonly order?: SortOrder;
  readonly limit: number;
  readonly offset?: number;
  /** Continue after this row (keyset); the cursor's order wins over `order`. */
  readonly cursor?: CallCursor;
}

export interface CallPage {
  readonly items: CallReportRow[];
  /** Rows the caller may see, before filters. */
  readonly total: number;
  /** Rows that match the filters (all pages). */
  readonly filtered: number;
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
  constructor(@Inject(REPORT_DB) private readonly db: ReportDb) {}

  async list(query: CallQuery, scope: CallFilter = {}): Promise<CallPage> {
    const [rows, filtered, total] = await Promise.all([
      this.page(query, scope),
      this.count({ ...query, ...scope }),
      this.count(scope),
    ]);
    const last = rows[rows.length - 1];
    const order = query.cursor?.order ?? query.order ?? 'desc';
    return {
      items: rows.map((r) => toCallRow(JSON.parse(r.row_json) as CallState)),
      total,
      filtered,
      nextCursor:
        rows.length === query.limit && last
          ? encodeCursor({ sortAt: last.sort_at, callId: last.call_id, queue: last.queue, order })
          : null,
    };
  }

  /**
   * The rows of one page in keyset order. `scope` is what the caller may see (an agent: its own
   * calls), applied on top of the query's filters so no filter can widen it.
   */
  page(query: CallQuery, scope: CallFilter = {}): Promise<StoredRow[]> {
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
      .select(['sort_at', 'call_id', 'queue', 'row_json'])
      .orderBy('sort_at', order)
      .orderBy('call_id', order)
      .orderBy('queue', order)
      .limit(query.limit)
      .offset(query.offset ?? 0)
      .execute();
  }

  private async count(filter: CallFilter): Promise<number> {
    const row = await applyCallFilter(this.db.selectFrom('call_report'), filter)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The agent's own call list: only calls the agent disposed (attributed to the agent). */
  agentCalls(agentId: string, limit: number, offset: number): Promise<CallPage> {
    const scope: CallFilter = { userId: agentId, attribution: 'agent' };
    return this.list({ limit, offset }, scope);
  }
}
