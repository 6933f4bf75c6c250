import { AuthenticatedRequest, ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { applyDecorators, CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

const CENTER_ACCESS = 'kinship:cases:center-access';
type CenterAccess = 'read' | 'manage';

/**
 * Guards a route under `/centers/:centerId/...`: the center's manager manages its settings; the center's own
 * station staff and leads may read them, since their stations follow them.
 */
@Injectable()
export class CenterGuard implements CanActivate {
  constructor(
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.get<CenterAccess>(CENTER_ACCESS, context.getHandler()) ?? 'manage';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
    const principal = request.principal;
    if (!principal) throw new UnauthorizedException('This route needs an authenticated principal.');
    const centerId = request.params['centerId'] ?? '';
    if (!this.allows(principal, centerId, access)) throw new ForbiddenException(`You may not ${access} the settings of center ${centerId}`);
    return true;
  }

  private allows(principal: Principal, centerId: string, access: CenterAccess): boolean {
    if (this.directory.get(centerId)?.kind !== 'center') return false;
    if (principal.role === 'center-manager') return principal.orgUnitId === centerId;
    if (access === 'manage') return false;
    const ownStation = principal.role === 'station-staff' || principal.role === 'station-lead';
    return ownStation && this.directory.centerOf(principal.orgUnitId)?.id === centerId;
  }
}

/** Marks a route as reading or managing the settings of the center in its path (`:centerId`). */
export const Center = (access: CenterAccess) =>
  applyDecorators(
    SetMetadata(CENTER_ACCESS, access),
    UseGuards(CenterGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token' }),
    ApiForbiddenResponse({ description: 'Not allowed for this center' }),
  );
