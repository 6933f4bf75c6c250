import { Role } from '@kinship/contracts';
import { assertNever } from '../assert-never';
import { Principal } from '../auth/principal';
import { OrgDirectoryReader } from '../org/org-directory.port';
import { OrgUnit, OrgUnitKind } from '../org/org-unit';

/** Reading a station's data (its residents, cases, ledger) or acting in it (commands). */
export type StationAccess = 'read' | 'write';

/** Where each role sits in the hierarchy; an operator may sit anywhere (usually the district). */
const HOME_KIND: Record<Role, OrgUnitKind | null> = {
  'station-staff': 'station',
  'station-lead': 'station',
  'center-manager': 'center',
  'district-analyst': 'district',
  operator: null,
};

/** The principal's org unit exists and fits the role (staff at a station, a manager at a center, ...). */
export function isPrincipalPlaced(p: Principal, dir: OrgDirectoryReader): boolean {
  const unit = dir.get(p.orgUnitId);
  if (unit === null) return false;
  const home = HOME_KIND[p.role];
  return home === null || unit.kind === home;
}

/**
 * Whether the principal may read (`'read'`) or change (`'write'`, the default) data of a station.
 * Staff and leads: their own station only. A center manager reads every station of their chain but
 * writes in none: commands in a station are taken by its own staff, so every change has a station
 * actor accountable for it. District analysts and operators never touch station or personal data.
 */
export function canActInStation(p: Principal, stationId: string, dir: OrgDirectoryReader, access: StationAccess = 'write'): boolean {
  const station = dir.get(stationId);
  if (station === null || station.kind !== 'station' || !isPrincipalPlaced(p, dir)) return false;
  switch (p.role) {
    case 'station-staff':
    case 'station-lead':
      return p.orgUnitId === station.id;
    case 'center-manager':
      return access === 'read' && station.parentId === p.orgUnitId;
    case 'district-analyst':
    case 'operator':
      return false;
    default:
      return assertNever(p.role);
  }
}

/** `canActInStation(p, stationId, dir, 'read')`. */
export function canReadStation(p: Principal, stationId: string, dir: OrgDirectoryReader): boolean {
  return canActInStation(p, stationId, dir, 'read');
}

/** The stations whose data the principal may read: their own, or every station of a manager's chain. */
export function stationsReadableBy(p: Principal, dir: OrgDirectoryReader): OrgUnit[] {
  if (!isPrincipalPlaced(p, dir)) return [];
  switch (p.role) {
    case 'station-staff':
    case 'station-lead':
      return [dir.get(p.orgUnitId) as OrgUnit];
    case 'center-manager':
      return dir.stationsOf(p.orgUnitId);
    case 'district-analyst':
    case 'operator':
      return [];
    default:
      return assertNever(p.role);
  }
}

/** Chain-wide views (the consolidated chain ledger, the chain resident directory): the chain's manager. */
export function canReadChain(p: Principal, centerId: string, dir: OrgDirectoryReader): boolean {
  return p.role === 'center-manager' && p.orgUnitId === centerId && dir.get(centerId)?.kind === 'center';
}

/** Roles that may ever see personal data (decrypted names, phones, ID numbers); never analysts or operators. */
export function canSeePersonalData(p: Principal): boolean {
  return p.role === 'station-staff' || p.role === 'station-lead' || p.role === 'center-manager';
}

/**
 * The aggregated, suppressed district feed: district analysts, whose only view it is, and center
 * managers, who compare their chain with the district. It holds no personal data.
 */
export function canReadDistrictFeed(p: Principal): boolean {
  return p.role === 'district-analyst' || p.role === 'center-manager';
}

/** Tenants, projections and dead letters: operators only. */
export function canOperate(p: Principal): boolean {
  return p.role === 'operator';
}
