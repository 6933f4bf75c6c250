import { assertNever } from '@kinship/eventsourcing';
import { isPrincipalPlaced, ORG_UNIT_KINDS, OrgDirectoryReader, OrgUnit, Principal } from '@kinship/tenancy';

/**
 * The org units whose district-feed figures the principal may be shown, so that a page can name them: a district
 * analyst's district with its centers and stations, a center manager's chain, every unit for an operator (who runs
 * the tenants). Districts first, then centers, then stations, each by id. Null for station roles, which read no feed,
 * and for a principal whose org unit does not fit their role.
 */
export function orgUnitsVisibleTo(principal: Principal, org: OrgDirectoryReader): OrgUnit[] | null {
  if (!isPrincipalPlaced(principal, org)) return null;
  const home = principal.orgUnitId;
  let visible: (unit: OrgUnit) => boolean;
  switch (principal.role) {
    case 'operator':
      visible = () => true;
      break;
    case 'district-analyst':
      visible = (unit) => org.districtOf(unit.id)?.id === home;
      break;
    case 'center-manager':
      visible = (unit) => unit.id === home || (unit.kind === 'station' && unit.parentId === home);
      break;
    case 'station-staff':
    case 'station-lead':
      return null;
    default:
      return assertNever(principal.role);
  }
  const depth = (unit: OrgUnit) => ORG_UNIT_KINDS.indexOf(unit.kind);
  return org
    .list()
    .filter(visible)
    .map(({ id, kind, parentId, name }) => ({ id, kind, parentId, name }))
    .sort((a, b) => depth(a) - depth(b) || a.id.localeCompare(b.id));
}
