import { Role } from '@kinship/contracts';
import { CommandContext } from '@kinship/eventsourcing';
import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
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
import { Principal } from '../auth/principal';
import { OrgDirectoryReader } from '../org/org-directory.port';
import { canActInStation, StationAccess } from '../policies/policies';
import { AuthenticatedRequest } from './decorators';
import { ORG_DIRECTORY } from './injection-tokens';
import { RequestContext } from './request-context';

const STATION_RULE = 'kinship:station-rule';

export interface StationRule {
  access: StationAccess;
  /** Narrows the station's own people to these roles (e.g. only the lead decides an erasure). */
  roles?: readonly Role[];
  /** Also admits an operator, for acts that reveal no personal data (an erasure requested at the district). */
  operator?: boolean;
}

/**
 * Guards a route under `/stations/:stationId/...` by the policies of DESIGN §5. As a guard it runs before
 * validation, so a request to a foreign station is refused (403) whatever its body says.
 */
@Injectable()
export class StationGuard implements CanActivate {
  constructor(
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.get<StationRule>(STATION_RULE, context.getHandler()) ?? { access: 'write' };
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
    const principal = request.principal;
    if (!principal) throw new UnauthorizedException('This route needs an authenticated principal.');
    const stationId = request.params['stationId'] ?? '';
    if (!this.allows(principal, stationId, rule)) {
      throw new ForbiddenException(`You may not ${rule.access === 'read' ? 'read' : 'act in'} station ${stationId}`);
    }
    return true;
  }

  private allows(principal: Principal, stationId: string, rule: StationRule): boolean {
    if (rule.operator && principal.role === 'operator') return this.directory.get(stationId)?.kind === 'station';
    if (rule.roles && !rule.roles.includes(principal.role)) return false;
    return canActInStation(principal, stationId, this.directory, rule.access);
  }
}

/** Marks a route as needing read or write access to the station in its path (`:stationId`). */
export const Station = (access: StationAccess = 'write', options: Omit<StationRule, 'access'> = {}) =>
  applyDecorators(
    SetMetadata(STATION_RULE, { access, ...options } satisfies StationRule),
    UseGuards(StationGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token' }),
    ApiForbiddenResponse({ description: 'Not allowed in this station' }),
  );

/** The command context of the request: its principal as actor, its correlation id, its arrival time. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('This route needs an authenticated principal.');
  return commandContextOf(principal);
});

export function commandContextOf(principal: Principal, now: Date = new Date()): CommandContext {
  return {
    actor: { userId: principal.userId, role: principal.role },
    correlationId: RequestContext.current()?.correlationId ?? 'none',
    now: now.toISOString(),
  };
}
