import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ReportRebuilder } from '../rebuild/report-rebuilder';
import type { RebuildStatus } from '../rebuild/rebuild-status';
import { ApiErrors, ApiJsonResponse, rebuildStatusSchema } from './report-responses';

/**
 * Rebuild of the Report Call Table from the logs (also `npm run reporting:rebuild`, which calls
 * these routes). Admins only: a rebuild reads every log from the start.
 */
@Controller('api/admin/reporting/rebuild')
@Roles('admin')
@ApiErrors(401, [403, 'forbidden: admins only'])
export class AdminRebuildController {
  constructor(private readonly rebuilder: ReportRebuilder) {}

  /** Starts a rebuild: 202 with its status, 409 conflict while one runs. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Rebuild the Report Call Table from the logs',
    description: 'Fills fresh tables from the event store and the PBX event journal, then swaps them in; the live table keeps serving until the swap. Follow the progress with GET.',
  })
  @ApiJsonResponse(202, 'Started: the status of the rebuild', rebuildStatusSchema)
  @ApiErrors([409, 'conflict: a rebuild is already running, on this replica or another one on the same PostgreSQL'])
  start(): Promise<RebuildStatus> {
    return this.rebuilder.start();
  }

  /** Progress of the running rebuild, or the outcome of the last one. */
  @Get()
  @ApiOperation({ summary: "Progress of the running rebuild, or the outcome of the last one (this replica's)" })
  @ApiJsonResponse(200, 'The status', rebuildStatusSchema)
  status(): RebuildStatus {
    return this.rebuilder.status();
  }
}
