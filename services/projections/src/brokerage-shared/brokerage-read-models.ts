import { canReadChain, canSeePersonalData, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { ForbiddenException } from '@nestjs/common';

/** One page of a list query, with the position the read model had reached. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  position: number | null;
}

/** What the brokerage's read models share: chain access, and who sees personal data in full. */

/** Chain-wide views are their center manager's; anyone else is refused without learning whether the center exists. */
export function requireChainReader(principal: Principal, centerId: string, org: OrgDirectoryReader): void {
  if (!canReadChain(principal, centerId, org)) throw new ForbiddenException(`The views of center ${centerId} are not readable by this user`);
}

/**
 * The station's own staff see a person's details in full (they phone landlords, visit tenants); a center manager
 * reading across the chain sees them masked; no one else reaches these views at all.
 */
export function seesInFull(principal: Principal, stationId: string): boolean {
  return canSeePersonalData(principal) && principal.role !== 'center-manager' && principal.orgUnitId === stationId;
}

/** Which chain a station belongs to, recorded on documents for chain-wide queries. */
export function centerOf(org: Pick<OrgDirectoryReader, 'centerOf'>, stationId: string): string | null {
  return org.centerOf(stationId)?.id ?? null;
}
