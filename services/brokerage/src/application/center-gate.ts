import { AuthenticatedRequest, isPrincipalPlaced, ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

const CENTER_ACCESS = 'kinship:brokerage:center-access';

export type CenterAccess = 'read' | 'write';

/**
 * Guards a route under `/centers/:centerId/...` for a center's own settings (its fee schedule): its manager sets
 * them; the staff of its stations, who charge by them, read them. Anyone else is refused, whether or not the
 * center exists.
 */
@Injectable()
export class CenterGuard implements CanActivate {
  constructor(
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.get<CenterAccess>(CENTER_ACCESS, context.getHandler()) ?? 'write';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
    const principal = request.principal;
    if (!principal) throw new UnauthorizedException('This route needs an authenticated principal.');
    const centerId = request.params['centerId'] ?? '';
    if (!this.allows(principal, centerId, access)) {
      throw new ForbiddenException(`You may not ${access === 'read' ? 'read' : 'change'} the settings of center ${centerId}`);
    }
    return true;
  }

  private allows(principal: Principal, centerId: string, access: CenterAccess): boolean {
    if (this.directory.get(centerId)?.kind !== 'center' || !isPrincipalPlaced(principal, this.directory)) return false;
    if (principal.role === 'center-manager') return principal.orgUnitId === centerId;
    if (access === 'read' && (principal.role === 'station-staff' || principal.role === 'station-lead')) {
      return this.directory.centerOf(principal.orgUnitId)?.id === centerId;
    }
    return false;
  }
}

/** Marks a route as reading or changing the settings of the center in its path (`:centerId`). */
export const Center = (access: CenterAccess) =>
  applyDecorators(
    SetMetadata(CENTER_ACCESS, access),
    UseGuards(CenterGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token' }),
    ApiForbiddenResponse({ description: 'Not allowed for this center' }),
  );
