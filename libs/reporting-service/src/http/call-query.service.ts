import { Inject, Injectable } from '@nestjs/common';
import { toCallRow, type CallState } from '@switchboard/call-report';
import type { CallReportRow } from '@switchboard/contracts';
import { REPORT_DB } from '../tokens';
import type { ReportDb } from '../store/open-report-db';

export interface CallQuery {
  readonly from?: string;
  readonly until?: string;
  readonly queue?: string;
  readonly agentId?: string;
  readonly phoneId?: string;
  readonly userId?: string;
  readonly outcome?: string;
  readonly attribution?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface CallPage {
  readonly items: CallReportRow[];
  readonly total: number;
}

/** Reads the Report Call Table; newest calls first. */
@Injectable()
export class CallQueryService {
  constructor(@Inject(REPORT_DB) private readonly db: ReportDb) {}

  async list(query: CallQuery): Promise<CallPage> {
    let base = this.db.selectFrom('call_report');
    if (query.from) base = base.where('entered_at', '>=', query.from);
    if (query.until) base = base.where('entered_at', '<', query.until);
    if (query.queue) base = base.where('queue', '=', query.queue);
    if (query.agentId) base = base.where('agent_id', '=', query.agentId);
    if (query.phoneId) base = base.where('phone_id', '=', query.phoneId);
    if (query.userId) base = base.where('user_id', '=', query.userId);
    if (query.outcome) base = base.where('outcome', '=', query.outcome);
    if (query.attribution) base = base.where('attribution', '=', query.attribution);
    const [rows, count] = await Promise.all([
      base
        .select('row_json')
        .orderBy('entered_at', 'desc')
        .orderBy('call_id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => toCallRow(JSON.parse(r.row_json) as CallState)), total: Number(count.n) };
  }

  /** The agent's own call list: only calls the agent disposed (attributed to the agent). */
  agentCalls(agentId: string, limit: number, offset: number): Promise<CallPage> {
    return this.list({ userId: agentId, attribution: 'agent', limit, offset });
  }
}
