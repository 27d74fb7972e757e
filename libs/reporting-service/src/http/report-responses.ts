import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ATTRIBUTIONS, CALL_OUTCOMES, type Attribution, type CallOutcome, type CallReportRow } from '@switchboard/contracts';
import { jsonSchemaOf } from '@switchboard/platform';
import { z } from 'zod';
import { COUNT_MODES } from '../query/call-counter';
import type { CallPage } from '../query/call-query.service';
import type { AgentAggregate, QueueAggregate } from '../query/report-aggregates.service';
import type { RebuildStatus } from '../rebuild/rebuild-status';

/**
 * What the reporting routes answer, as zod schemas: the OpenAPI document's response schemas are
 * generated from them (as the query parameters are from the schemas that validate them), the
 * `satisfies` below tie each to the TypeScript type the route returns, and the API spec parses
 * real answers with them, so the documented shape cannot drift from the served one. Strict: the
 * document lists every field an answer has.
 */

const time = z.string().datetime({ offset: true }).describe('ISO 8601, UTC');
const seconds = z.number().int().min(0);
const count = z.number().int().min(0);

export const callRowSchema = z
  .object({
    callId: z.string().describe("The call's Linkedid: every row of a call that went through several queues has it"),
    pbxId: z.string(),
    queue: z.string(),
    direction: z.literal('inbound'),
    callerNumber: z.string(),
    callerName: z.string(),
    enteredAt: time.nullable().describe('When the caller entered the queue'),
    answeredAt: time.nullable(),
    endedAt: time.nullable(),
    waitSeconds: seconds.nullable().describe('In the queue until answered, abandoned or let go'),
    ringSeconds: seconds.nullable().describe('How long the phone that answered rang'),
    talkSeconds: seconds.nullable(),
    outcome: z
      .enum(CALL_OUTCOMES as [CallOutcome, ...CallOutcome[]])
      .describe('waiting: still in the queue; transferred: answered, then transferred out of the queue; timeout: let go unanswered (timeout, exit-empty, ExitWithTimeout)'),
    hangupBy: z.enum(['agent', 'caller', 'transfer']).nullable(),
    phoneId: z.string().nullable().describe("The device that answered: the member's state interface (SIP/1001), not its Local channel"),
    memberInterface: z.string().nullable(),
    agentId: z.string().nullable().describe('The agent logged in on that phone when it answered'),
    userId: z.string().nullable().describe('The agent when the agent disposed the call in the desktop, otherwise the phone'),
    attribution: z.enum(ATTRIBUTIONS as [Attribution, ...Attribution[]]).describe('agent: disposed by the agent in the desktop; phone: answered, not disposed; none: nobody answered'),
    attributionSource: z.enum(['desktop-disposition', 'phone', 'none']),
    disposition: z
      .object({ agentId: z.string(), code: z.string(), note: z.string().nullable(), at: time })
      .strict()
      .nullable(),
    dispositionAt: time.nullable(),
    ringNoAnswerCount: count,
    ringNoAnswer: z
      .array(z.object({ memberInterface: z.string(), phoneId: z.string(), ringMs: z.number().int().min(0), at: time }).strict())
      .describe('Members that rang without answering, in time order'),
  })
  .strict() satisfies z.ZodType<CallReportRow>;

export const callPageSchema = z
  .object({
    items: z.array(callRowSchema),
    total: count.describe('Rows the caller may see, before filters: always exact'),
    filtered: count.describe('Rows that match the filters, over all pages: exact, estimated or a lower bound, as `count` says'),
    count: z.enum(COUNT_MODES).describe('How `filtered` was obtained'),
    nextCursor: z.string().nullable().describe('Opaque: pass it as `cursor` for the next page; null on the last page'),
  })
  .strict() satisfies z.ZodType<CallPage>;

const aggregate = {
  offered: count.describe('Calls that entered the queue in the interval, still waiting included'),
  answered: count.describe('Answered by a member, transferred afterwards included'),
  transferred: count,
  abandoned: count,
  timeout: count,
  waiting: count,
  averageWaitSeconds: z.number().nullable().describe('Of the calls that stopped waiting (answered, abandoned, let go)'),
  averageTalkSeconds: z.number().nullable().describe('Of the answered calls that ended'),
  serviceLevel: z
    .object({
      seconds: seconds,
      answeredWithin: count,
      percent: z.number().nullable().describe('answeredWithin / (answered + abandoned + timeout); null when no call stopped waiting'),
    })
    .strict(),
};

export const queueAggregatesSchema = z
  .object({ items: z.array(z.object({ queue: z.string(), ...aggregate }).strict() satisfies z.ZodType<QueueAggregate>) })
  .strict();

export const agentAggregatesSchema = z
  .object({ items: z.array(z.object({ agentId: z.string().describe('The agent that answered'), ...aggregate }).strict() satisfies z.ZodType<AgentAggregate>) })
  .strict();

export const rebuildStatusSchema = z
  .object({
    state: z.enum(['idle', 'running', 'done', 'failed']),
    phase: z
      .enum(['agent-events', 'pbx-journal', 'swapping'])
      .nullable()
      .describe('agent-events: reading dispositions and sessions; pbx-journal: replaying the PBX events; swapping: catching up, then the swap'),
    startedAt: time.nullable(),
    finishedAt: time.nullable(),
    agentEventsApplied: count,
    pbxEventsApplied: count,
    pbxEventsTotal: count.describe('PBX events in the journal when the rebuild started: pbxEventsApplied / pbxEventsTotal is the progress'),
    rows: count.nullable().describe('Rows of the new table once swapped in'),
    error: z.string().nullable(),
  })
  .strict() satisfies z.ZodType<RebuildStatus>;

/** A JSON answer documented from its zod schema. */
export const ApiJsonResponse = (status: number, description: string, schema: z.ZodTypeAny) =>
  ApiResponse({ status, description, schema: jsonSchemaOf(schema) as never });

/** When each error status happens on the reporting routes; the body is always {code, message}. */
const ERRORS = {
  400: 'invalid_input: a parameter is malformed, out of range or unknown; the message names it',
  401: 'unauthorized: no bearer token, or an invalid or expired one',
  403: 'forbidden: the route needs another role',
  409: 'conflict',
} as const;
type ErrorStatus = keyof typeof ERRORS;

/** The error answers a route can give, each with the shared ApiError body; a status with its
 *  own text where the general one would not say when it happens. */
export function ApiErrors(...statuses: Array<ErrorStatus | readonly [ErrorStatus, string]>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((entry) => {
      const [status, description] = typeof entry === 'number' ? [entry, ERRORS[entry]] : entry;
      return ApiResponse({
        status,
        description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
      });
    }),
  );
}
