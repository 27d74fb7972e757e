import { Controller, Get, Param, Query } from '@nestjs/common';
import { AMI_SAFE_TEXT, parseInput } from '@switchboard/platform';
import { z } from 'zod';
import { CallQueryService, type CallPage } from './call-query.service';

const isoTime = z.string().datetime({ offset: true, message: 'must be an ISO 8601 time' });
const text = z.string().min(1).max(128).regex(AMI_SAFE_TEXT, 'must not contain CR, LF or NUL');
const page = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};
const callsQuery = z
  .object({
    from: isoTime.optional(),
    until: isoTime.optional(),
    queue: text.optional(),
    agentId: text.optional(),
    phoneId: text.optional(),
    userId: text.optional(),
    outcome: z.enum(['waiting', 'answered', 'abandoned']).optional(),
    attribution: z.enum(['agent', 'phone', 'none']).optional(),
    ...page,
  })
  .strict();

@Controller('api')
export class CallsController {
  constructor(private readonly calls: CallQueryService) {}

  /** The Report Call Table, filtered; `from`/`until` compare with the time the caller entered the queue. */
  @Get('calls')
  list(@Query() query: unknown): Promise<CallPage> {
    const q = parseInput(callsQuery, query);
    return this.calls.list({
      ...q,
      from: q.from && new Date(q.from).toISOString(),
      until: q.until && new Date(q.until).toISOString(),
    });
  }

  /** The agent's Voice Calls: calls attributed to the agent (disposed in the desktop). */
  @Get('agents/:id/calls')
  agentCalls(@Param('id') id: string, @Query() query: unknown): Promise<CallPage> {
    const agentId = parseInput(text, id);
    const q = parseInput(z.object(page).strict(), query);
    return this.calls.agentCalls(agentId, q.limit, q.offset);
  }
}
