import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { assertNever, ATTRIBUTIONS, CALL_OUTCOMES, type Attribution, type CallOutcome } from '@switchboard/contracts';
import { ApiQueryFrom, assertMayActOnAgent, CurrentPrincipal, parseInput, type Principal } from '@switchboard/platform';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { COUNT_MODES, EXACT_BELOW } from '../query/call-counter';
import { callsCsv } from '../query/call-csv';
import type { CallFilter } from '../query/call-filter';
import { CallQueryService, type CallPage } from '../query/call-query.service';
import { cursor, intervalIsOrdered, isoTime, page, text } from './query-params';

/** Rows of a JSON page when `limit` is absent: the default of the shared page schema. */
const PAGE_ROWS: number = page.limit.parse(undefined);

const callsQueryFields = z
  .object({
    from: isoTime.optional(),
    until: isoTime.optional(),
    queue: text.optional(),
    agentId: text.optional(),
    phoneId: text.optional(),
    userId: text.optional(),
    outcome: z.enum(CALL_OUTCOMES as [CallOutcome, ...CallOutcome[]]).optional(),
    attribution: z.enum(ATTRIBUTIONS as [Attribution, ...Attribution[]]).optional(),
    callerNumber: z.string().min(1).max(64).regex(/^[0-9+*#]+$/, 'digits, +, * and # only').optional(),
    search: text.optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    cursor: cursor.optional(),
    count: z
      .enum(COUNT_MODES)
      .optional()
      .describe(
        `How to count \`filtered\`: exact (COUNT of the matches: slow when they are many), estimate (PostgreSQL: the planner's estimate, counted exactly below ${EXACT_BELOW.toLocaleString('en')} matches; SQLite: estimated from a sample of 20,000 rows, counted up to that where the estimate is low), none (not counted: \`filtered\` is then a lower bound, the rows up to this page). Default: estimate, and none on cursor pages. Exact whatever the mode: a page that is not full, no filter, and userId with attribution=agent (counts kept by the projection). The answer's \`count\` says how \`filtered\` was obtained; \`total\` is always exact.`,
      ),
    format: z.enum(['json', 'csv']).optional(),
    // No default for limit here: an export without one runs to the last row.
    limit: page.limit
      .removeDefault()
      .optional()
      .describe(`JSON: rows per page (default ${PAGE_ROWS}). CSV: at most this many rows; absent, every matching row.`),
    offset: page.offset.describe('Rows skipped before the first one returned, JSON and CSV alike (once for the whole export). Not with cursor; deeper than 100,000, use the cursor.'),
  })
  .strict();
const callsQuery = callsQueryFields
  .refine(intervalIsOrdered, { message: 'from must be before until', path: ['until'] })
  .refine((q) => q.cursor === undefined || q.offset === 0, { message: 'not with a cursor', path: ['offset'] });

/**
 * The rows a caller may see: supervisors and admins all of them; an agent only its own calls,
 * those attributed to it by its disposition (as in its Voice Calls), whatever filters it sends.
 */
function visibleTo(principal: Principal): CallFilter {
  switch (principal.role) {
    case 'supervisor':
    case 'admin':
      return {};
    case 'agent':
      // A token of the agent role always names its agent; without one, nothing is visible.
      return { userId: principal.agentId ?? '\u0000', attribution: 'agent' };
    default:
      return assertNever(principal.role, 'role');
  }
}

const wantsCsv = (format: string | undefined, accept: string | undefined): boolean =>
  format === 'csv' || (format === undefined && (accept ?? '').toLowerCase().includes('text/csv'));

const agentCallsQuery = z.object(page).strict();

@Controller('api')
export class CallsController {
  constructor(private readonly calls: CallQueryService) {}

  /**
   * The Report Call Table, filtered; `from`/`until` compare with the time the caller entered the
   * queue. JSON pages {items, total, filtered, count, nextCursor} (`count`: how `filtered` was
   * obtained, see CountMode), or the matching rows as CSV (`?format=csv` or `Accept: text/csv`),
   * streamed: every one of them, or, with limit/offset/cursor, those the JSON pages would give
   * (`offset` skipped once, at most `limit`, after the cursor).
   */
  @Get('calls')
  @ApiOperation({
    summary: 'The Report Call Table, filtered: a JSON page or a CSV export',
    description: [
      'One row per queue call and queue. from/until compare with the time the caller entered the queue. Supervisors and admins see every row; an agent only the calls attributed to it (disposed in the desktop), whatever filters it sends.',
      'JSON (the default): a page {items, total, filtered, count, nextCursor}, newest first unless order=asc; follow nextCursor for deep pages.',
      'CSV (format=csv, or Accept: text/csv without format): streamed as an attachment, one line per row in the requested order. Without limit, offset or cursor it holds every matching row. With them it holds the rows the JSON pages would give for the same query, as one stream: offset rows are skipped once, limit caps the rows, and a cursor (a JSON page\'s nextCursor) is where the export starts, in that cursor\'s order. count is ignored.',
    ].join('\n\n'),
  })
  @ApiQueryFrom(callsQueryFields)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Headers('accept') accept?: string,
  ): Promise<CallPage> | StreamableFile {
    const { format, callerNumber, limit, ...q } = parseInput(callsQuery, query);
    const filter = { ...q, callerNumberPrefix: callerNumber };
    const scope = visibleTo(principal);
    if (wantsCsv(format, accept)) {
      const body = Readable.from(callsCsv(this.calls, { ...filter, limit }, scope), { objectMode: false });
      return new StreamableFile(body, {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="calls.csv"',
      });
    }
    return this.calls.list({ ...filter, limit: limit ?? PAGE_ROWS }, scope);
  }

  /** The agent's Voice Calls: calls attributed to the agent (disposed in the desktop). */
  @Get('agents/:id/calls')
  @ApiQueryFrom(agentCallsQuery)
  agentCalls(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<CallPage> {
    const agentId = parseInput(text, id);
    assertMayActOnAgent(principal, agentId);
    const q = parseInput(agentCallsQuery, query);
    return this.calls.agentCalls(agentId, q.limit, q.offset);
  }
}
