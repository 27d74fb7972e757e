import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import { APP_CONFIG, ApiError, Public, parseInput, signAccessToken, type AppConfig, type Role } from '@switchboard/platform';
import { z } from 'zod';
import { DIRECTORY } from '../tokens';
import { checkCredentials } from './credential-check';

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
  ) {}

  /** Exchanges a login and password (an agent's number and PIN) for a bearer token. */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(@Body() body: unknown): Promise<LoginResult> {
    const input = parseInput(loginBody, body);
    const principal = await checkCredentials(this.directory, input.login, input.password);
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
}
