import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { agentById, type Directory } from '@switchboard/agent-domain';
import { assertNever } from '@switchboard/contracts';
import { APP_CONFIG, ApiBodyFrom, ApiError, Public, parseInput, signAccessToken, type AppConfig, type Principal, type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DIRECTORY } from '../tokens';
import { checkCredentials } from './credential-check';
import { lockedOut } from './locked-out';
import { PinChecker } from './pin-checker';

const loginBody = z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();

export interface LoginResult {
  readonly token: string;
  readonly role: Role;
  readonly agentId?: string;
  /** Seconds the token stays valid. */
  readonly expiresIn: number;
}

@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pins: PinChecker,
  ) {}

  /**
   * Exchanges a login and password (an agent's number and PIN) for a bearer token. Agents' wrong
   * PINs count towards the PIN lockout shared with the phones and the IVR: 423 locked_out.
   */
  @Public()
  @ApiBodyFrom(loginBody)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(@Body() body: unknown): Promise<LoginResult> {
    const input = parseInput(loginBody, body);
    const principal = await this.principalOf(input.login, input.password);
    // One message for an unknown login and a wrong password: the answer must not confirm logins.
    if (!principal) throw new ApiError('unauthorized', 'login or password is wrong', HttpStatus.UNAUTHORIZED);
    const { tokenTtlSeconds, secret } = this.config.auth;
    return {
      token: signAccessToken(principal, secret, tokenTtlSeconds, Date.now()),
      role: principal.role,
      ...(principal.agentId ? { agentId: principal.agentId } : {}),
      expiresIn: tokenTtlSeconds,
    };
  }

  private async principalOf(login: string, password: string): Promise<Principal | undefined> {
    const agent = agentById(this.directory, login);
    if (!agent) return checkCredentials(this.directory, login, password);
    const verdict = await this.pins.check(agent, {
      secret: password,
      via: 'desktop',
      commandId: `auth-${randomUUID()}`,
      at: new Date().toISOString(),
      acceptPassword: true,
    });
    switch (verdict.verdict) {
      case 'accepted':
        return { subject: agent.id, role: 'agent', agentId: agent.id };
      case 'rejected':
        return undefined;
      case 'locked-out':
        throw lockedOut(verdict.until);
      default:
        return assertNever(verdict, 'PIN verdict');
    }
  }
}

