import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiQueryFrom, parseInput, Roles } from '@switchboard/platform';
import { z } from 'zod';
import {
  ReportAggregatesService,
  type AgentAggregate,
  type QueueAggregate,
} from '../query/report-aggregates.service';
import { intervalIsOrdered, isoTime, text } from './query-params';
import { agentAggregatesSchema, ApiErrors, ApiJsonResponse, queueAggregatesSchema } from './report-responses';

const aggregateQueryFields = z
  .object({
    from: isoTime.optional().describe('Calls that entered the queue at or after this time: ISO 8601 with a time zone (Z or ±hh:mm)'),
    until: isoTime.optional().describe('Calls that entered the queue before this time (exclusive), ISO 8601; after from'),
    queue: text.optional().describe('Only this queue (exact name)'),
    serviceLevelSeconds: z.coerce.number().int().min(0).max(3600).default(20).describe('The service level counts the calls answered within this many seconds of waiting'),
  })
  .strict();
const aggregateQuery = aggregateQueryFields.refine(intervalIsOrdered, { message: 'from must be before until', path: ['until'] });

/** Aggregates over an interval of entry times: the basis of a wallboard. Every call of every
 *  agent goes into them, so they are for supervisors and admins. */
@Controller('api/reports')
@Roles('supervisor', 'admin')
@ApiErrors(400, 401, [403, 'forbidden: supervisors and admins only'])
export class ReportsController {
  constructor(private readonly aggregates: ReportAggregatesService) {}

  @Get('queues')
  @ApiOperation({ summary: 'Figures per queue over an interval of entry times', description: 'One item per queue with calls in the interval, by queue name.' })
  @ApiQueryFrom(aggregateQueryFields)
  @ApiJsonResponse(200, 'The figures of each queue', queueAggregatesSchema)
  async queues(@Query() query: unknown): Promise<{ items: QueueAggregate[] }> {
    return { items: await this.aggregates.perQueue(parseInput(aggregateQuery, query)) };
  }

  @Get('agents')
  @ApiOperation({ summary: 'Figures per answering agent over an interval of entry times', description: 'One item per agent that answered calls in the interval (the agent logged in on the phone that answered), by agent id.' })
  @ApiQueryFrom(aggregateQueryFields)
  @ApiJsonResponse(200, 'The figures of each agent', agentAggregatesSchema)
  async agents(@Query() query: unknown): Promise<{ items: AgentAggregate[] }> {
    return { items: await this.aggregates.perAgent(parseInput(aggregateQuery, query)) };
  }
}
