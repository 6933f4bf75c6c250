import { ResidentPersonalData } from '@kinship/contracts';
import { DomainError, uuidv7 } from '@kinship/eventsourcing';
import { FieldCipher, KeyedHasher, validateResidentIdNumber } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { CommandContext } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';
import { FIELD_CIPHER, KEYED_HASHER } from '../../application/registry.tokens';
import { RegisterResidentRequest, RegisterResidentResponse } from './register-resident.request.dto';

/** How long a claim whose resident has no record yet is taken to belong to a registration in progress. */
export const STALE_CLAIM_AFTER_MS = 2 * 60 * 1000;

/**
 * Registers a new citizen on arrival. The ID number is first claimed district-wide (ADR 0003), then the
 * personal fields are encrypted under the new resident's own key and the registration appended.
 */
@Injectable()
export class RegisterResidentHandler {
  constructor(
    private readonly streams: RegistryStreams,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(KEYED_HASHER) private readonly hasher: KeyedHasher,
  ) {}

  async execute(stationId: string, request: RegisterResidentRequest, context: CommandContext): Promise<RegisterResidentResponse> {
    const idNumber = checkIdNumberAgainstRequest(request, context.now.slice(0, 10));
    if (request.householdId !== undefined) await this.requireHousehold(stationId, request.householdId);
    const residentId = uuidv7();
    const idNumberHash = this.hasher.hashIdNumber(idNumber);
    const register = (personal: string) => ({
      type: 'RegisterResident' as const,
      data: {
        residentId,
        stationId,
        personal,
        idNumberHash,
        sex: request.sex,
        origin: { province: request.origin.province, city: request.origin.city },
        arrivalDate: request.arrivalDate,
        compound: request.address.compound,
        ...(request.occupation ? { occupation: request.occupation } : {}),
        ...(request.householdId ? { householdId: request.householdId } : {}),
        childrenNeedingSchool: (request.childrenNeedingSchool ?? []).map((c) => ({ birthYear: c.birthYear, schoolLevel: c.schoolLevel })),
        consent: { given: request.consent.given, recordedAt: context.now, scope: request.consent.scope },
      },
    });
    // The registration is decided once before the claim, so a form the registry refuses (an arrival in the
    // future) leaves no claim behind; the personal document is not encrypted yet, so no key is made for it.
    await this.streams.checkResident(stationId, register('not-yet-encrypted'), context);
    await this.claimIdNumber(idNumberHash, residentId, stationId, context);

    const personal: ResidentPersonalData = {
      name: request.name.trim(),
      idNumber,
      phone: request.phone,
      birthDate: request.birthDate,
      address: { building: request.address.building, unit: request.address.unit, ...(request.address.room ? { room: request.address.room } : {}) },
      ...(request.employer ? { employer: request.employer } : {}),
    };
    const result = await this.streams.resident(stationId, register(await this.cipher.encrypt(residentId, personal)), context);
    return { residentId, ...RegistryStreams.outcome(result) };
  }

  private async requireHousehold(stationId: string, householdId: string): Promise<void> {
    const household = await this.streams.householdState(stationId, householdId);
    if (household.status === 'none') {
      throw new DomainError('household-not-found', `No household ${householdId} at station ${stationId}`, 422, { field: 'householdId' });
    }
  }

  /**
   * A claim held by a resident whose stream was never written (the process died between the two appends)
   * is stale and may be taken over; any other claim rejects the registration and names the record. A claim
   * younger than STALE_CLAIM_AFTER_MS may belong to a registration still in flight, so it is never stale; and
   * the claim is written against the version read, so it cannot take over a claim made since.
   */
  private async claimIdNumber(idNumberHash: string, residentId: string, stationId: string, context: CommandContext) {
    const { state: claim, version, changedAt } = await this.streams.loadIdNumberClaim(idNumberHash);
    let residentExists: boolean | undefined;
    if (claim.status === 'claimed') {
      const inFlight = changedAt !== null && Date.parse(context.now) - Date.parse(changedAt) < STALE_CLAIM_AFTER_MS;
      residentExists = inFlight || (await this.streams.residentStreamExists(claim.stationId, claim.residentId));
    }
    await this.streams.idNumberClaim(
      idNumberHash,
      { type: 'ClaimIdNumber', data: { idNumberHash, residentId, stationId, residentExists } },
      context,
      { expectedVersion: version },
    );
  }
}

/** The birth date and sex written on the form must be the ones the ID number encodes. */
function checkIdNumberAgainstRequest(request: RegisterResidentRequest, today: string): string {
  const check = validateResidentIdNumber(request.idNumber, today);
  if (!check.valid) throw new DomainError('invalid-id-number', `The ID number is invalid: ${check.reason}`, 422);
  if (check.birthDate !== request.birthDate) {
    throw new DomainError('birth-date-does-not-match-id-number', 'birthDate differs from the birth date in the ID number', 422, {
      field: 'birthDate',
    });
  }
  if (check.sex !== request.sex) {
    throw new DomainError('sex-does-not-match-id-number', 'sex differs from the sex encoded in the ID number', 422, { field: 'sex' });
  }
  return check.idNumber;
}
