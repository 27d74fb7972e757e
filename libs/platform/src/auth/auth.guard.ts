import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG } from '../tokens';
import type { AppConfig } from '../config/app-config';
import { ApiError } from '../http/api-error';
import { verifyAccessToken } from './access-token';
import { PUBLIC_ROUTE, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators';
import type { Role } from './principal';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(), and a role from
 * @Roles() where one is given. Failures are the API's stable codes: 401 unauthorized (no or bad
 * token), 403 forbidden (valid token, wrong role).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, unknown> }>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new ApiError('unauthorized', 'a bearer token is required (POST /api/auth/login)', HttpStatus.UNAUTHORIZED);
    const principal = verifyAccessToken(match[1], this.config.auth.secret, Date.now());
    if (!principal) throw new ApiError('unauthorized', 'the token is invalid or expired', HttpStatus.UNAUTHORIZED);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role))
      throw new ApiError('forbidden', `this needs the role ${roles.join(' or ')}`, HttpStatus.FORBIDDEN);
    request.principal = principal;
    return true;
  }
}
