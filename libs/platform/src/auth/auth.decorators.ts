import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './principal';

export const PUBLIC_ROUTE = 'switchboard:public';
export const REQUIRED_ROLES = 'switchboard:roles';

/** No token needed: health, metrics, the login itself. Everything else needs a signed-in caller. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route (on a controller or a handler; the handler's wins). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Where the guard leaves the verified caller on the request. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The verified caller of the current request; the guard guarantees one on non-public routes. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  // Only reachable if a public route asks for a principal: a programming error, not a 401.
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
