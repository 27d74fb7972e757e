import { Controller, Get, Header, HttpStatus, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { agentById, type AgentEntry, type Directory } from '@switchboard/agent-domain';
import { APP_CONFIG, ApiError, CurrentPrincipal, Public, type AppConfig, type Principal } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { AgentCommandService } from '../commands/agent-command.service';
import { DIRECTORY } from '../tokens';
import { DESKTOP_CSS, DESKTOP_HTML } from './desktop-page';
import { DESKTOP_JS } from './desktop-script';
import { SIP_LIBRARY_ROUTE, sipLibraryModule } from './sip-library';
import { SOFTPHONE_JS } from './softphone-script';
import { softphoneSettings, type SoftphoneSettings } from './softphone-settings';

/** The pause reasons offered when the directory configures none (then any reason is accepted). */
const DEFAULT_PAUSE_REASONS = [{ code: 'Break' }, { code: 'Lunch' }, { code: 'Training' }, { code: 'Meeting' }];

/** Serves the agent desktop (a static page over the public API) and the lists it offers. */
@Controller()
export class DesktopController {
  /**
   * The page loads only its own scripts and style: no inline code, nothing from elsewhere. It
   * connects to its own origin and, with the softphone configured, to the PBX's WebSocket.
   */
  private readonly contentSecurityPolicy: string;

  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: AgentCommandService,
  ) {
    const pbx = config.softphoneWssUrl ? ` ${new URL(config.softphoneWssUrl).origin}` : '';
    this.contentSecurityPolicy = `default-src 'self'; connect-src 'self'${pbx}; frame-ancestors 'none'`;
  }

  @Public()
  @ApiExcludeEndpoint()
  @Get('desktop')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Res({ passthrough: true }) reply: FastifyReply): string {
    reply.header('Content-Security-Policy', this.contentSecurityPolicy);
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
  @Get('desktop/softphone.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  softphoneScript(): string {
    return SOFTPHONE_JS;
  }

  /** The SIP library's modules, straight from node_modules (see sip-library.ts). */
  @Public()
  @ApiExcludeEndpoint()
  @Get(`${SIP_LIBRARY_ROUTE}/*`)
  async sipLibrary(@Param('*') modulePath: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const source = await sipLibraryModule(modulePath);
    if (source === undefined) throw new ApiError('not_found', 'no such module of the SIP library', HttpStatus.NOT_FOUND);
    // Set here, not by @Header: a 404 is the API's JSON error.
    reply.type('text/javascript; charset=utf-8');
    return source;
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

  /**
   * Where the signed-in agent's browser softphone registers, and whether calls ring there now.
   * No password: Switchboard holds no SIP secret (the PBX does; the page asks the agent for it).
   */
  @Get('api/desktop/softphone')
  async softphone(@CurrentPrincipal() principal: Principal): Promise<SoftphoneSettings> {
    const agent = this.agentOf(principal);
    return softphoneSettings(agent, await this.commands.state(agent.id), this.config.softphoneWssUrl);
  }

  private agentOf(principal: Principal): AgentEntry {
    const agent = principal.agentId ? agentById(this.directory, principal.agentId) : undefined;
    if (!agent) throw new ApiError('forbidden', 'only an agent has a softphone', HttpStatus.FORBIDDEN);
    return agent;
  }
}
