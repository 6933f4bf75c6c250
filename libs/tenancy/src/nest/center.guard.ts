import { Role } from '@kinship/contracts';
import { applyDecorators, CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { assertNever } from '../assert-never';
import { Principal } from '../auth/principal';
import { OrgDirectoryReader } from '../org/org-directory.port';
import { isPrincipalPlaced } from '../policies/policies';
import { AuthenticatedRequest } from './decorators';
import { ORG_DIRECTORY } from './injection-tokens';

const CENTER_RULE = 'kinship:center-rule';

/** Reading a center's own settings and funds (its fee schedule, SLA targets, aid fund) or changing them. */
export type CenterAccess = 'read' | 'write';

export interface CenterRule {
  access: CenterAccess;
  /** Narrows who may, e.g. only the manager reads the chain's welfare fund. */
  roles?: readonly Role[];
}

/**
 * Whether the principal may read or change (`'write'`, the default) what belongs to a center itself rather than to
 * one of its stations: the center's manager does both; the staff and leads of its stations, who work by those
 * settings, may read them. Nobody else, and nobody at all for an id that is not a center.
 */
export function canActInCenter(p: Principal, centerId: string, dir: OrgDirectoryReader, access: CenterAccess = 'write'): boolean {
  if (dir.get(centerId)?.kind !== 'center' || !isPrincipalPlaced(p, dir)) return false;
  switch (p.role) {
    case 'center-manager':
      return p.orgUnitId === centerId;
    case 'station-staff':
    case 'station-lead':
      return access === 'read' && dir.centerOf(p.orgUnitId)?.id === centerId;
    case 'district-analyst':
    case 'operator':
      return false;
    default:
      return assertNever(p.role);
  }
}

/**
 * Guards a route under `/centers/:centerId/...` by `canActInCenter`. As a guard it runs before validation, so a
 * request for a foreign center is refused (403) whatever its body says, whether or not that center exists.
 */
@Injectable()
export class CenterGuard implements CanActivate {
  constructor(
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.get<CenterRule>(CENTER_RULE, context.getHandler()) ?? { access: 'write' };
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
    const principal = request.principal;
    if (!principal) throw new UnauthorizedException('This route needs an authenticated principal.');
    const centerId = request.params['centerId'] ?? '';
    const allowed = (!rule.roles || rule.roles.includes(principal.role)) && canActInCenter(principal, centerId, this.directory, rule.access);
    if (!allowed) throw new ForbiddenException(`You may not ${rule.access === 'read' ? 'read' : 'change'} the settings of center ${centerId}`);
    return true;
  }
}

/** Marks a route as needing read or write access to the center in its path (`:centerId`). */
export const Center = (access: CenterAccess = 'write', options: Omit<CenterRule, 'access'> = {}) =>
  applyDecorators(
    SetMetadata(CENTER_RULE, { access, ...options } satisfies CenterRule),
    UseGuards(CenterGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token' }),
    ApiForbiddenResponse({ description: 'Not allowed for this center' }),
  );
