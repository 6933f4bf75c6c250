import { ResidentPersonalData } from '@kinship/contracts';
import { DomainError } from '@kinship/eventsourcing';
import { FieldCipher, maskAddress, maskIdNumber, maskName, maskPhone } from '@kinship/privacy';
import { Principal } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { RegistryStreams } from '../../application/registry-streams';
import { FIELD_CIPHER } from '../../application/registry.tokens';
import { permitEligibleFrom, permitStatusOn } from '../../permit/residence-permit';
import { stationDate } from '../../permit/calendar-date';
import { ResidentView } from './resident.view';

/**
 * The registry's record of one resident, as the station works with it. The station's own staff see personal
 * fields in full (they call, visit and file for the person); a center manager reading across the chain sees
 * them masked. After an erasure the personal fields are gone for everyone.
 */
@Injectable()
export class GetResidentHandler {
  constructor(
    private readonly streams: RegistryStreams,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  async execute(stationId: string, residentId: string, principal: Principal, now: string): Promise<ResidentView> {
    const state = await this.streams.residentState(stationId, residentId);
    if (state.status === 'unregistered') {
      throw new DomainError('resident-not-found', `No resident ${residentId} at station ${stationId}`, 404);
    }
    if (state.status === 'erased') {
      return { residentId, stationId, status: 'erased', personal: null };
    }
    const { resident } = state;
    const personal = await this.cipher.decrypt<ResidentPersonalData>(residentId, resident.personal);
    const ownStation = principal.orgUnitId === stationId;
    return {
      residentId,
      stationId,
      status: state.status,
      ...(state.status === 'moved-out' ? { movedOutOn: state.movedOutOn } : {}),
      ...(state.status === 'transferred-out' ? { transferredTo: state.toStationId, transferredOn: state.transferredOn } : {}),
      sex: resident.sex,
      origin: resident.origin,
      arrivalDate: resident.arrivalDate,
      compound: resident.compound,
      occupation: resident.occupation,
      householdId: resident.householdId,
      childrenNeedingSchool: resident.childrenNeedingSchool,
      consent: resident.consent,
      permit: {
        ...resident.permit,
        eligibleFrom: permitEligibleFrom(resident.arrivalDate),
        statusToday: permitStatusOn(resident, stationDate(now)),
      },
      personal: personal === null ? null : ownStation ? personal : masked(personal),
      personalMasked: personal !== null && !ownStation,
    };
  }
}

function masked(personal: ResidentPersonalData): ResidentPersonalData {
  return {
    name: maskName(personal.name),
    idNumber: maskIdNumber(personal.idNumber),
    phone: maskPhone(personal.phone),
    birthDate: `${personal.birthDate.slice(0, 4)}-**-**`,
    address: { building: maskAddress(personal.address.building), unit: maskAddress(personal.address.unit) },
    ...(personal.employer ? { employer: maskAddress(personal.employer) } : {}),
  };
}
