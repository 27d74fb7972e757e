import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Roles } from '@switchboard/platform';
import { ReportRebuilder } from '../rebuild/report-rebuilder';
import type { RebuildStatus } from '../rebuild/rebuild-status';

/**
 * Rebuild of the Report Call Table from the logs (also `npm run reporting:rebuild`, which calls
 * these routes). Admins only: a rebuild reads every log from the start.
 */
@Controller('api/admin/reporting/rebuild')
@Roles('admin')
export class AdminRebuildController {
  constructor(private readonly rebuilder: ReportRebuilder) {}

  /** Starts a rebuild: 202 with its status, 409 conflict while one runs. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  start(): Promise<RebuildStatus> {
    return this.rebuilder.start();
  }

  /** Progress of the running rebuild, or the outcome of the last one. */
  @Get()
  status(): RebuildStatus {
    return this.rebuilder.status();
  }
}
