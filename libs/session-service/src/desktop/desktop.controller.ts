import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Directory } from '@switchboard/agent-domain';
import { Public } from '@switchboard/platform';
import { DIRECTORY } from '../tokens';
import { DESKTOP_CSS, DESKTOP_HTML } from './desktop-page';
import { DESKTOP_JS } from './desktop-script';

/** The pause reasons offered when the directory configures none (then any reason is accepted). */
const DEFAULT_PAUSE_REASONS = [{ code: 'Break' }, { code: 'Lunch' }, { code: 'Training' }, { code: 'Meeting' }];

/** Serves the agent desktop (a static page over the public API) and the lists it offers. */
@Controller()
export class DesktopController {
  constructor(@Inject(DIRECTORY) private readonly directory: Directory) {}

  @Public()
  @ApiExcludeEndpoint()
  @Get('desktop')
  @Header('Content-Type', 'text/html; charset=utf-8')
  // The page loads only its own script and style: no inline code, nothing from elsewhere.
  @Header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'")
  page(): string {
    return DESKTOP_HTML;
  }

  @Public()
  @ApiExcludeEndpoint()
  @Get('desktop/app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): string {
    return DESKTOP_JS;
  }

  @Public()
  @ApiExcludeEndpoint()
  @Get('desktop/app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  style(): string {
    return DESKTOP_CSS;
  }

  /** The reasons an agent may pause with: the directory's list, or a default one. */
  @Get('api/pause-reasons')
  pauseReasons(): ReadonlyArray<{ code: string; label?: string; maxMinutes?: number }> {
    const configured = this.directory.pauseReasons;
    return configured && configured.length > 0 ? configured : DEFAULT_PAUSE_REASONS;
  }
}
