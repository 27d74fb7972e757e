import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { assertNever, ATTRIBUTIONS, CALL_OUTCOMES, type Attribution, type CallOutcome } from '@switchboard/contracts';
import { ApiQueryFrom, assertMayActOnAgent, CurrentPrincipal, jsonSchemaOf, parseInput, type Principal } from '@switchboard/platform';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { COUNT_MODES, EXACT_BELOW } from '../query/call-counter';
import { callsCsv, csvHeader } from '../query/call-csv';
import type { CallFilter } from '../query/call-filter';
import { CallQueryService, type CallPage } from '../query/call-query.service';
import { cursor, intervalIsOrdered, isoTime, page, text } from './query-params';
import { ApiErrors, ApiJsonResponse, callPageSchema } from './report-responses';

/** Rows of a JSON page when `limit` is absent: the default of the shared page schema. */
const PAGE_ROWS: number = page.limit.parse(undefined);

const callsQueryFields = z
  .object({
    from: isoTime.optional().describe('Calls that entered the queue at or after this time: ISO 8601 with a time zone (Z or ±hh:mm), e.g. 2026-11-23T08:00:00Z'),
    until: isoTime.optional().describe('Calls that entered the queue before this time (exclusive), ISO 8601 as for from; after from'),
    queue: text.optional().describe('Queue name, exact'),
    agentId: text.optional().describe('The agent logged in on the phone that answered'),
    phoneId: text.optional().describe('The device that answered (state interface, e.g. SIP/1001)'),
    userId: text.optional().describe('The user the call is attributed to: an agent id (attribution=agent) or a phone id (attribution=phone)'),
    outcome: z.enum(CALL_OUTCOMES as [CallOutcome, ...CallOutcome[]]).optional().describe('The outcome of the queue call'),
    attribution: z.enum(ATTRIBUTIONS as [Attribution, ...Attribution[]]).optional().describe('agent: disposed by the agent in the desktop; phone: answered, not disposed; none: not answered'),
    callerNumber: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[0-9+*#]+$/, 'digits, +, * and # only')
      .optional()
      .describe("A prefix of the caller's number (digits, +, * and #)"),
    search: text.optional().describe('Text anywhere in the caller number or name, the call id or the disposition code, any case'),
    order: z.enum(['asc', 'desc']).default('desc').describe('By the time the caller entered the queue: desc, newest first (default), or asc'),
    cursor: cursor.optional().describe("Opaque: a page's nextCursor; the next page starts after that page's last row, in the order the cursor was made with. Not with offset"),
    count: z
      .enum(COUNT_MODES)
      .optional()
      .describe(
        `How to count \`filtered\`: exact (COUNT of the matches: slow when they are many), estimate (PostgreSQL: the planner's estimate, counted exactly below ${EXACT_BELOW.toLocaleString('en')} matches; SQLite: estimated from a sample of 20,000 rows, counted up to that where the estimate is low), none (not counted: \`filtered\` is then a lower bound, the rows up to this page). Default: estimate, and none on cursor pages. Exact whatever the mode: a page that is not full, no filter, and userId with attribution=agent (counts kept by the projection). The answer's \`count\` says how \`filtered\` was obtained; \`total\` is always exact.`,
      ),
    format: z.enum(['json', 'csv']).optional().describe('json or csv; absent: CSV when the Accept header asks for text/csv, JSON otherwise'),
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

const agentCallsQuery = z
  .object({
    limit: page.limit.describe('Rows per page'),
    offset: page.offset.describe('Rows skipped before the first one returned'),
  })
  .strict();

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
  @ApiHeader({ name: 'accept', required: false, description: 'text/csv asks for the CSV export when format is absent' })
  @ApiResponse({
    status: 200,
    description: 'A page of rows (JSON), or the export (CSV)',
    content: {
      'application/json': { schema: jsonSchemaOf(callPageSchema) as never },
      'text/csv': {
        schema: {
          type: 'string',
          description: `Attachment calls.csv: a header line (${csvHeader().trimEnd()}), then one line per row; RFC 4180, CRLF line ends, UTF-8. disposition* are the disposition's fields, ringNoAnswer is phoneId:ringMs pairs separated by spaces. Text a spreadsheet would run as a formula (starting with =, +, -, @, a tab or CR) gets a leading apostrophe.`,
        },
      },
    },
  })
  @ApiErrors(400, 401)
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
  @ApiOperation({
    summary: "The agent's Voice Calls",
    description: 'Only the calls attributed to the agent (disposed by it in the desktop); a call answered on its phone but not disposed is not in it. An agent may read its own only; supervisors and admins any agent\'s.',
  })
  @ApiParam({ name: 'id', description: 'The agent id' })
  @ApiQueryFrom(agentCallsQuery)
  @ApiJsonResponse(200, 'A page of the agent\'s calls, newest first', callPageSchema)
  @ApiErrors(400, 401, [403, 'forbidden: an agent asked for another agent\'s calls'])
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
