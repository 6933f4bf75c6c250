import { AuthenticatedRequest, canActInStation, ORG_DIRECTORY, OrgDirectoryReader, Principal, StationAccess } from '@kinship/tenancy';
import { currentCorrelationId } from '@kinship/observability';
import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CommandContext } from './command-context';

const ACCESS = 'kinship.registry.station-access';

/** Station access as the registry needs it: tenancy's read/write, plus the erasure of a person. */
export type RegistryAccess = StationAccess | 'erase';

/**
 * Guards a route under `/stations/:stationId/...`: staff act only inside their own station. As a guard it
 * runs before validation, so a request to a foreign station is refused (403) whatever its body says.
 */
@Injectable()
export class StationGuard implements CanActivate {
  constructor(
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.get<RegistryAccess>(ACCESS, context.getHandler()) ?? 'write';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
    const principal = request.principal;
    const stationId = request.params['stationId'];
    if (!principal || !stationId || !this.allows(principal, stationId, access)) {
      throw new ForbiddenException(`You may not ${access === 'read' ? 'read' : 'act in'} station ${stationId}`);
    }
    return true;
  }

  /**
   * Erasing a person is irreversible: the station's lead decides it, or an operator acting on a request that
   * reached the district (an operator never reads personal data, and erasing reveals none).
   */
  private allows(principal: Principal, stationId: string, access: RegistryAccess): boolean {
    if (access !== 'erase') return canActInStation(principal, stationId, this.directory, access);
    if (principal.role === 'operator') return this.directory.get(stationId)?.kind === 'station';
    return principal.role === 'station-lead' && canActInStation(principal, stationId, this.directory, 'write');
  }
}

/** Marks a route as needing read or write access to the station in its path. */
export const Station = (access: RegistryAccess = 'write') =>
  applyDecorators(
    SetMetadata(ACCESS, access),
    UseGuards(StationGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token' }),
    ApiForbiddenResponse({ description: 'Not allowed in this station' }),
  );

/** The command context of the request: its principal as actor, its correlation id, its arrival time. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new ForbiddenException('No principal on the request');
  return contextOf(principal);
});

export function contextOf(principal: Principal): CommandContext {
  return {
    actor: { userId: principal.userId, role: principal.role },
    correlationId: currentCorrelationId() ?? 'none',
    now: new Date().toISOString(),
  };
}

/** What the registry asks of the org hierarchy besides access: which ids are stations, and their district. */
@Injectable()
export class StationDirectory {
  constructor(@Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader) {}

  isStation(id: string): boolean {
    return this.directory.get(id)?.kind === 'station';
  }

  districtOf(orgUnitId: string): string | null {
    let unit = this.directory.get(orgUnitId);
    while (unit && unit.kind !== 'district') unit = unit.parentId ? this.directory.get(unit.parentId) : null;
    return unit?.id ?? null;
  }
}
