import { toCallRow, type CallState } from '@switchboard/call-report';
import type { CallReportRow } from '@switchboard/contracts';
import type { CallFilter } from './call-filter';
import type { CallQuery, CallQueryService } from './call-query.service';

type Cell = string | number | null;

/** The CSV columns, in order, and how each is read from a row. */
const COLUMNS: ReadonlyArray<readonly [string, (r: CallReportRow) => Cell]> = [
  ['callId', (r) => r.callId],
  ['pbxId', (r) => r.pbxId],
  ['queue', (r) => r.queue],
  ['direction', (r) => r.direction],
  ['callerNumber', (r) => r.callerNumber],
  ['callerName', (r) => r.callerName],
  ['enteredAt', (r) => r.enteredAt],
  ['answeredAt', (r) => r.answeredAt],
  ['endedAt', (r) => r.endedAt],
  ['waitSeconds', (r) => r.waitSeconds],
  ['ringSeconds', (r) => r.ringSeconds],
  ['talkSeconds', (r) => r.talkSeconds],
  ['outcome', (r) => r.outcome],
  ['hangupBy', (r) => r.hangupBy],
  ['phoneId', (r) => r.phoneId],
  ['memberInterface', (r) => r.memberInterface],
  ['agentId', (r) => r.agentId],
  ['userId', (r) => r.userId],
  ['attribution', (r) => r.attribution],
  ['attributionSource', (r) => r.attributionSource],
  ['dispositionCode', (r) => r.disposition?.code ?? null],
  ['dispositionNote', (r) => r.disposition?.note ?? null],
  ['dispositionAt', (r) => r.dispositionAt],
  ['ringNoAnswerCount', (r) => r.ringNoAnswerCount],
  // phone:ms pairs, the way a spreadsheet user can still read them.
  ['ringNoAnswer', (r) => r.ringNoAnswer.map((x) => `${x.phoneId}:${x.ringMs}`).join(' ')],
];

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * at the start: caller names come from the PBX, hence from anyone who can call) gets a leading
 * apostrophe.
 */
function field(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${COLUMNS.map(([name]) => name).join(',')}\r\n`;
}

export function csvLine(row: CallReportRow): string {
  return `${COLUMNS.map(([, read]) => field(read(row))).join(',')}\r\n`;
}

/** Rows per database read: memory stays flat whatever the size of the export. */
export const CSV_BATCH_ROWS = 1000;

/** What an export takes: a page's query, where `limit` is optional (no limit: to the last row). */
export type CallExport = Omit<CallQuery, 'limit' | 'count'> & { readonly limit?: number };

/**
 * The rows that match, as CSV text in chunks of one batch, read from the database batch by batch
 * in keyset order (never the whole result in memory). Pulled by the HTTP response stream, so a
 * slow client slows the reads instead of filling the memory.
 *
 * The rows are those the JSON pages would give for the same query, as one stream: `offset` rows
 * skipped once (by the first read; the later ones continue from the previous batch's last row),
 * at most `limit` rows when given, and after `cursor` when given (in the cursor's order).
 */
export async function* callsCsv(calls: CallQueryService, query: CallExport, scope: CallFilter): AsyncGenerator<string> {
  yield csvHeader();
  const { limit, offset, cursor: start, ...filter } = query;
  const order = start?.order ?? query.order ?? 'desc';
  let cursor: CallQuery['cursor'] = start;
  let skip = offset ?? 0;
  let left = limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const batch = Math.min(CSV_BATCH_ROWS, left);
    const rows = await calls.page({ ...filter, order, limit: batch, offset: skip, cursor }, scope);
    if (rows.length === 0) return;
    yield rows.map((r) => csvLine(toCallRow(JSON.parse(r.row_json) as CallState))).join('');
    if (rows.length < batch) return;
    left -= rows.length;
    skip = 0;
    const last = rows[rows.length - 1] as (typeof rows)[number];
    cursor = { sortAt: last.sort_at, callId: last.call_id, queue: last.queue, order };
  }
}
