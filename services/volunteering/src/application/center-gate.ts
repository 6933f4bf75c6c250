import { AuthenticatedRequest, canReadChain, ORG_DIRECTORY, OrgDirectoryReader } from '@kinship/tenancy';
import { applyDecorators, CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

/**
 * Guards a route under `/centers/:centerId/...`: the council's welfare fund is the center's, administered by the
 * center's manager; station staff act in their stations and never on the fund of the chain.
 */
@Injectable()
export class CenterGuard implements CanActivate {
  constructor(@Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
    const principal = request.principal;
    if (!principal) throw new UnauthorizedException('This route needs an authenticated principal.');
    const centerId = request.params['centerId'] ?? '';
    if (!canReadChain(principal, centerId, this.directory)) throw new ForbiddenException(`You may not act for center ${centerId}`);
    return true;
  }
}

/** Marks a route as the center manager's, for the center in its path (`:centerId`). */
export const Center = () =>
  applyDecorators(
    UseGuards(CenterGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token' }),
    ApiForbiddenResponse({ description: "Not this center's manager" }),
  );
