import { Controller, Get, Query } from '@nestjs/common';
import { ApiQueryFrom, parseInput, Roles } from '@switchboard/platform';
import { z } from 'zod';
import {
  ReportAggregatesService,
  type AgentAggregate,
  type QueueAggregate,
} from '../query/report-aggregates.service';
import { intervalIsOrdered, isoTime, text } from './query-params';

const aggregateQueryFields = z
  .object({
    from: isoTime.optional(),
    until: isoTime.optional(),
    queue: text.optional(),
    serviceLevelSeconds: z.coerce.number().int().min(0).max(3600).default(20),
  })
  .strict();
const aggregateQuery = aggregateQueryFields.refine(intervalIsOrdered, { message: 'from must be before until', path: ['until'] });

/** Aggregates over an interval of entry times: the basis of a wallboard. Every call of every
 *  agent goes into them, so they are for supervisors and admins. */
@Controller('api/reports')
@Roles('supervisor', 'admin')
export class ReportsController {
  constructor(private readonly aggregates: ReportAggregatesService) {}

  @Get('queues')
  @ApiQueryFrom(aggregateQueryFields)
  async queues(@Query() query: unknown): Promise<{ items: QueueAggregate[] }> {
    return { items: await this.aggregates.perQueue(parseInput(aggregateQuery, query)) };
  }

  @Get('agents')
  @ApiQueryFrom(aggregateQueryFields)
  async agents(@Query() query: unknown): Promise<{ items: AgentAggregate[] }> {
    return { items: await this.aggregates.perAgent(parseInput(aggregateQuery, query)) };
  }
}
