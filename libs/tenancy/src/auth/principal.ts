import { ROLES, Role } from '@kinship/contracts';
import { isOrgUnitId } from '../org/org-unit';

/** Who is calling: the user, their one role and the org unit they act for (JWT `sub`, `role`, `org`). */
export interface Principal {
  userId: string;
  role: Role;
  orgUnitId: string;
}

/** The claims Kinship tokens carry; an OIDC issuer is configured to emit them. */
export interface PrincipalClaims {
  sub: string;
  role: Role;
  org: string;
}

/** Where an issuer that cannot emit `role` and `org` puts them instead (a dotted path reaches nested claims). */
export interface ClaimNames {
  roleClaim?: string;
  orgClaim?: string;
}

/** The token's claims do not describe a Kinship principal. */
export class InvalidClaimsError extends Error {
  override readonly name = 'InvalidClaimsError';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Reads a principal from verified JWT claims; throws `InvalidClaimsError` when they do not describe one. */
export function principalFromClaims(claims: Record<string, unknown>, names: ClaimNames = {}): Principal {
  const userId = claims['sub'];
  const role = readClaim(claims, names.roleClaim ?? 'role');
  const orgUnitId = readClaim(claims, names.orgClaim ?? 'org');
  if (typeof userId !== 'string' || userId.length === 0) throw new InvalidClaimsError('The token has no subject.');
  if (!isRole(role)) throw new InvalidClaimsError(`The token's role ${JSON.stringify(role)} is not a Kinship role.`);
  if (!isOrgUnitId(orgUnitId)) throw new InvalidClaimsError(`The token's org unit ${JSON.stringify(orgUnitId)} is not an org unit id.`);
  return { userId, role, orgUnitId };
}

function readClaim(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
