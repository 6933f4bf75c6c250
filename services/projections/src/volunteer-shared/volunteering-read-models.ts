import { volunteerPersonalDataSchema, volunteerSubject } from '@kinship/contracts';
import { FieldCipher, maskName } from '@kinship/privacy';
import { canReadChain, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { ForbiddenException } from '@nestjs/common';

/** Shared by volunteering's read models: station dates, masking and chain access. */

const STATION_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The date at the station (UTC+8) at an instant. */
export function stationDateOf(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + STATION_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from one 'YYYY-MM-DD' date to another. */
export function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDaysTo(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A volunteer's name as every read model shows it: masked, and null once erased (or unreadable). */
export async function maskedVolunteerName(
  cipher: Pick<FieldCipher, 'decrypt'>,
  volunteer: { volunteerId: string; residentId: string | null; personal: string | null },
): Promise<string | null> {
  if (volunteer.personal === null) return null;
  const subject = volunteerSubject({ volunteerId: volunteer.volunteerId, ...(volunteer.residentId !== null ? { residentId: volunteer.residentId } : {}) });
  const parsed = volunteerPersonalDataSchema.safeParse(await cipher.decrypt(subject, volunteer.personal));
  return parsed.success ? maskName(parsed.data.name) : null;
}

/** Chain-wide views are their center manager's: 403 for anyone else, saying nothing of what is there. */
export function requireChainReader(principal: Principal, centerId: string, org: OrgDirectoryReader): void {
  if (!canReadChain(principal, centerId, org)) throw new ForbiddenException(`The views of center ${centerId} are not readable by this user.`);
}

/** Pages an array already in order. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  return items.slice((page - 1) * pageSize, page * pageSize);
}
