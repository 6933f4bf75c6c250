import { DomainError } from '@kinship/eventsourcing';
import { ORG_DIRECTORY, OrgDirectoryReader } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { RecordCheckView } from './verify-volunteer-record.request.dto';

/**
 * Checks a volunteer record by its serial, for anyone (an employer, a school): genuine or not, revoked or not,
 * and what it certifies. It reveals nothing about the person: no name, no ids.
 */
@Injectable()
export class VerifyVolunteerRecordHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
  ) {}

  async execute(serial: string): Promise<RecordCheckView> {
    const record = await this.streams.volunteerRecordState(serial.toUpperCase());
    if (record.status === 'none') {
      throw new DomainError('volunteer-record-not-found', 'No volunteer record was issued under this serial: it is not genuine', 404);
    }
    const issuer = this.org.get(record.issuerStationId);
    return {
      serial: record.serial,
      genuine: true,
      status: record.status === 'revoked' ? 'revoked' : 'valid',
      issuer: { stationId: record.issuerStationId, name: issuer?.name ?? record.issuerStationId },
      issuedOn: record.issuedOn,
      from: record.from,
      to: record.to,
      verifiedMinutes: record.verifiedMinutes,
      verifiedHours: Math.round(record.verifiedMinutes / 6) / 10,
      shiftsAttended: record.shiftsAttended,
      pairingVisits: record.pairingVisits,
      activities: record.activities.map(({ title, minutes }) => ({ title, minutes })),
      ...(record.status === 'revoked' ? { revokedOn: record.revokedOn } : {}),
    };
  }
}
