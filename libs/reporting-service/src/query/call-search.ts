import { CompiledQuery, sql, type SelectQueryBuilder } from 'kysely';
import { engineOf, type ReportDb } from '../store/open-report-db';
import { SQLITE_SEARCH_TABLE, type ReportDatabase } from '../store/schema';
import { applyCallFilter, type CallFilter } from './call-filter';

type CallSelect = SelectQueryBuilder<ReportDatabase, 'call_report', object>;

/**
 * Up to this many rows named by the search index, a page of a search is taken from them (sorted
 * after); above it, the page is first looked for in page order (CallQueryService.page). SQLite
 * counts the rows its index names (a few milliseconds, whatever the term), PostgreSQL estimates
 * them (EXPLAIN: the planner reads the GIN index's statistics). A named row costs a lookup and a
 * test, about 2 µs on SQLite and 3 µs on PostgreSQL (a heap visit) on a warm 1M-row table; a
 * row read in page order about 1 µs. A term in a share d of N rows costs d·N named rows, or
 * 100/d rows read in order for a page of 100 where its rows are spread in time: the same at
 * d ≈ 0.7% of 1M rows on SQLite, 0.6% on PostgreSQL.
 */
export const FEW_NAMED = { sqlite: 10_000, postgres: 5_000 } as const;

/**
 * SQLite counts `filtered` among the rows its index names up to this many (CallCounter): beyond
 * it a sample estimates the matches, and where it finds few they are counted in page order, which
 * for a term in 1% of 1M rows read most of the table.
 */
export const COUNTED_NAMED = 20_000;

/** Trigrams: a shorter term has none, and is searched by reading rows as before the index. */
const TRIGRAM = 3;

/** A search text, its case folded as the filter folds it (call-filter.ts). */
function folded(text: string): string {
  return text.toLowerCase();
}

/**
 * The search term the trigram index can serve, from the query or the scope: 3 characters or
 * more. (A NUL ends an FTS5 query string, "unterminated string": such a term is searched by
 * reading rows.)
 */
export function indexedTerm(filter: CallFilter, scope: CallFilter): string | undefined {
  return [filter.search, scope.search].find(
    (s): s is string => s !== undefined && [...folded(s)].length >= TRIGRAM && !s.includes('\u0000'),
  );
}

/**
 * An FTS5 query for rows that hold every trigram of the term (the table keeps no positions, so
 * not necessarily together: the filter's LIKE decides). Each trigram is an FTS5 string, its
 * quotes doubled, so no character of the term is query syntax.
 */
function trigramQuery(term: string): string {
  const chars = [...folded(term)];
  const trigrams = new Set<string>();
  for (let i = 0; i + TRIGRAM <= chars.length; i++) trigrams.add(chars.slice(i, i + TRIGRAM).join(''));
  return [...trigrams].map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

interface ExplainRow {
  readonly 'QUERY PLAN': ReadonlyArray<{ readonly Plan: { readonly 'Plan Rows': number } }>;
}

/** PostgreSQL: the rows matching the filter and scope that the planner expects (planned, not run). */
export async function plannedRows(db: ReportDb, filter: CallFilter, scope: CallFilter): Promise<number> {
  const query = applyCallFilter(applyCallFilter(db.selectFrom('call_report'), filter), scope).select(sql<number>`1`.as('one')).compile();
  const result = await db.executeQuery<ExplainRow>(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]));
  return Math.round(result.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0);
}

/** The search index: how many rows it names for a term, and those rows. */
export class CallSearchIndex {
  constructor(private readonly db: ReportDb) {}

  /**
   * Whether the index names few rows (FEW_NAMED) for the term, with the filter and scope:
   * SQLite counts the rows its index names for the term (no further than FEW_NAMED), PostgreSQL
   * takes the planner's estimate for the whole filter.
   */
  async namesFew(term: string, filter: CallFilter, scope: CallFilter): Promise<boolean> {
    if (engineOf(this.db) === 'postgres') return (await plannedRows(this.db, filter, scope)) <= FEW_NAMED.postgres;
    return (await this.countNamed(term, FEW_NAMED.sqlite + 1)) <= FEW_NAMED.sqlite;
  }

  /** SQLite: the rows the index names for the term, counted up to `limit`. */
  async countNamed(term: string, limit: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from ${sql.table(SQLITE_SEARCH_TABLE)}
      where ${sql.table(SQLITE_SEARCH_TABLE)} match ${trigramQuery(term)} limit ${limit})`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * The rows the index names for the term, as a source shaped like call_report (its name kept,
   * so applyCallFilter applies to it unchanged): every match is among them, and the caller
   * applies the filter (the search's LIKE included) on top. Sorting them costs what reading them
   * does: for few rows.
   *
   * SQLite: the FTS table's rowids joined to call_report's (CROSS JOIN keeps the index first).
   * PostgreSQL: the filter and scope in a subquery that OFFSET 0 keeps apart from the page's
   * ORDER BY … LIMIT, so the planner reads the matches from the GIN index (and any other index
   * it combines) rather than the whole table in page order, expecting matches to come soon.
   */
  named(term: string, filter: CallFilter, scope: CallFilter): CallSelect {
    if (engineOf(this.db) === 'postgres') {
      const fenced = applyCallFilter(applyCallFilter(this.db.selectFrom('call_report').selectAll(), filter), scope).modifyEnd(sql`offset 0`);
      return this.db.selectFrom(fenced.as('call_report')) as unknown as CallSelect;
    }
    const fts = sql.table(SQLITE_SEARCH_TABLE);
    const joined = sql<ReportDatabase['call_report']>`(select r.* from ${fts} s cross join call_report r
      where s.${fts} match ${trigramQuery(term)} and r.rowid = s.rowid)`;
    return this.db.selectFrom(joined.as('call_report')) as unknown as CallSelect;
  }
}
