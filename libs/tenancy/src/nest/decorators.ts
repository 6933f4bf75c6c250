import { ExecutionContext, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Role } from '@kinship/contracts';
import { Principal } from '../auth/principal';

export const IS_PUBLIC_KEY = 'kinship:public';
export const REQUIRED_ROLES_KEY = 'kinship:roles';

/** Exempts a route or controller from authentication: health, metrics and the API description only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** Admits only principals with one of these roles (403 otherwise); on a handler it overrides its controller's. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES_KEY, roles);

/** The request once the `AuthGuard` has let it through. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The authenticated principal of the request; using it on a `@Public()` route is a 401. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('This route needs an authenticated principal.');
  return principal;
});
