import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { REPORT_DB } from '../tokens';
import type { ReportDb } from '../store/open-report-db';
import { applyCallFilter, type CallFilter } from './call-filter';

export interface AggregateQuery {
  readonly from?: string;
  readonly until?: string;
  readonly queue?: string;
  /** Service level: the share of calls answered within this many seconds of waiting. */
  readonly serviceLevelSeconds: number;
}

/** The figures of one queue or one agent over the interval (a wallboard's basis). */
export interface CallAggregate {
  /** Calls that entered the queue in the interval (every outcome, still waiting included). */
  readonly offered: number;
  /** Answered by a member: plain answers and answers then transferred. */
  readonly answered: number;
  readonly transferred: number;
  readonly abandoned: number;
  readonly timeout: number;
  readonly waiting: number;
  /** Average wait (seconds) of the calls that stopped waiting: answered, abandoned or let go. */
  readonly averageWaitSeconds: number | null;
  /** Average talk (seconds) of the answered calls that ended. */
  readonly averageTalkSeconds: number | null;
  readonly serviceLevel: {
    readonly seconds: number;
    readonly answeredWithin: number;
    /** answeredWithin / (answered + abandoned + timeout), in %; null when no call ended waiting. */
    readonly percent: number | null;
  };
}

export type QueueAggregate = CallAggregate & { readonly queue: string };
export type AgentAggregate = CallAggregate & { readonly agentId: string };

interface AggregateRow {
  key: string;
  offered: number | string;
  answered: number | string | null;
  transferred: number | string | null;
  abandoned: number | string | null;
  timeout: number | string | null;
  waiting: number | string | null;
  avg_wait: number | string | null;
  avg_talk: number | string | null;
  answered_within: number | string | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const num = (v: number | string | null) => (v === null ? 0 : Number(v));
const avg = (v: number | string | null) => (v === null ? null : round1(Number(v)));

/**
 * Aggregates of the Report Call Table per queue and per agent, computed by the database in one
 * grouped query (the rows never come to the service). PostgreSQL returns sums as bigint text and
 * averages as numeric text, SQLite as numbers: both are read through Number.
 */
@Injectable()
export class ReportAggregatesService {
  constructor(@Inject(REPORT_DB) private readonly db: ReportDb) {}

  async perQueue(query: AggregateQuery, scope: CallFilter = {}): Promise<QueueAggregate[]> {
    const rows = await this.grouped('queue', query, scope);
    return rows.map((r) => ({ queue: r.key, ...this.figures(r, query.serviceLevelSeconds) }));
  }

  /** Per agent who answered (the agent logged in on the phone that answered). */
  async perAgent(query: AggregateQuery, scope: CallFilter = {}): Promise<AgentAggregate[]> {
    const rows = await this.grouped('agent_id', query, scope);
    return rows.map((r) => ({ agentId: r.key, ...this.figures(r, query.serviceLevelSeconds) }));
  }

  private grouped(by: 'queue' | 'agent_id', query: AggregateQuery, scope: CallFilter): Promise<AggregateRow[]> {
    const answered = sql`outcome in ('answered', 'transferred')`;
    const count = (condition: ReturnType<typeof sql>) => sql<number | string | null>`sum(case when ${condition} then 1 else 0 end)`;
    const filter: CallFilter = { from: query.from, until: query.until, queue: query.queue };
    let q = applyCallFilter(applyCallFilter(this.db.selectFrom('call_report'), filter), scope);
    if (by === 'agent_id') q = q.where('agent_id', 'is not', null);
    return q
      .select([
        sql<string>`${sql.ref(by)}`.as('key'),
        sql<number | string>`count(*)`.as('offered'),
        count(answered).as('answered'),
        count(sql`outcome = 'transferred'`).as('transferred'),
        count(sql`outcome = 'abandoned'`).as('abandoned'),
        count(sql`outcome = 'timeout'`).as('timeout'),
        count(sql`outcome = 'waiting'`).as('waiting'),
        sql<number | string | null>`avg(case when outcome <> 'waiting' then wait_seconds end)`.as('avg_wait'),
        sql<number | string | null>`avg(case when ${answered} then talk_seconds end)`.as('avg_talk'),
        count(sql`${answered} and wait_seconds <= ${query.serviceLevelSeconds}`).as('answered_within'),
      ])
      .groupBy(by)
      .orderBy(by)
      .execute() as Promise<AggregateRow[]>;
  }

  private figures(r: AggregateRow, seconds: number): CallAggregate {
    const answered = num(r.answered);
    const abandoned = num(r.abandoned);
    const timeout = num(r.timeout);
    const answeredWithin = num(r.answered_within);
    const ended = answered + abandoned + timeout;
    return {
      offered: num(r.offered),
      answered,
      transferred: num(r.transferred),
      abandoned,
      timeout,
      waiting: num(r.waiting),
      averageWaitSeconds: avg(r.avg_wait),
      averageTalkSeconds: avg(r.avg_talk),
      serviceLevel: { seconds, answeredWithin, percent: ended === 0 ? null : round1((100 * answeredWithin) / ended) },
    };
  }
}
