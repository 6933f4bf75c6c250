import { ResidentPersonalData } from '@kinship/contracts';
import { CommandResult, DomainError } from '@kinship/eventsourcing';
import { KeyedHasher, validateResidentIdNumber } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';
import { ResidentPersonalDataService } from '../../application/resident-personal-data';
import { KEYED_HASHER } from '../../application/registry.tokens';
import { CorrectResidentDetailsRequest } from './correct-resident-details.request.dto';

@Injectable()
export class CorrectResidentDetailsHandler {
  constructor(
    private readonly streams: RegistryStreams,
    private readonly personalData: ResidentPersonalDataService,
    @Inject(KEYED_HASHER) private readonly hasher: KeyedHasher,
  ) {}

  async execute(stationId: string, residentId: string, request: CorrectResidentDetailsRequest, context: CommandContext): Promise<CommandOutcome> {
    const { state, version } = await this.personalData.known(stationId, residentId);
    let idNumber: string | undefined;
    if (request.idNumber !== undefined) {
      const check = validateResidentIdNumber(request.idNumber, context.now.slice(0, 10));
      if (!check.valid) throw new DomainError('invalid-id-number', `The ID number is invalid: ${check.reason}`, 422, { field: 'idNumber' });
      idNumber = check.idNumber;
    }
    const idNumberHash = idNumber === undefined ? undefined : this.hasher.hashIdNumber(idNumber);
    const newIdNumber = idNumberHash !== undefined && idNumberHash !== state.resident.idNumberHash;
    const personal = await this.personalData.rewriteIfChanged(state, (current): ResidentPersonalData => {
      const next = {
        ...current,
        ...(request.name !== undefined ? { name: request.name.trim() } : {}),
        ...(idNumber !== undefined ? { idNumber } : {}),
        ...(request.phone !== undefined ? { phone: request.phone } : {}),
        ...(request.birthDate !== undefined ? { birthDate: request.birthDate } : {}),
        ...(request.employer !== undefined ? { employer: request.employer } : {}),
      };
      requireAgreementWithIdNumber(next.idNumber, next.birthDate, request.sex ?? state.resident.sex);
      return next;
    });
    const command = {
      type: 'CorrectResidentDetails' as const,
      data: {
        residentId,
        reason: request.reason,
        ...(personal !== undefined ? { personal } : {}),
        ...(newIdNumber ? { idNumberHash } : {}),
        ...(request.sex !== undefined ? { sex: request.sex } : {}),
        ...(request.origin !== undefined ? { origin: { province: request.origin.province, city: request.origin.city } } : {}),
        ...(request.occupation !== undefined ? { occupation: request.occupation } : {}),
        ...(request.childrenNeedingSchool !== undefined
          ? { childrenNeedingSchool: request.childrenNeedingSchool.map((c) => ({ birthYear: c.birthYear, schoolLevel: c.schoolLevel })) }
          : {}),
      },
    };
    const pinned = { expectedVersion: version };
    if (!newIdNumber) return RegistryStreams.outcome(await this.streams.resident(stationId, command, context, pinned));

    // A corrected ID number is claimed before the correction and the old claim released after it, so the
    // person never holds no claim and never takes a number somebody else holds. The correction is checked
    // first, and a correction that still fails gives the new claim back: no number stays held by nobody.
    await this.streams.checkResident(stationId, command, context);
    await this.streams.idNumberClaim(idNumberHash, { type: 'ClaimIdNumber', data: { idNumberHash, residentId, stationId } }, context);
    let result: CommandResult;
    try {
      result = await this.streams.resident(stationId, command, context, pinned);
    } catch (error) {
      await this.streams.idNumberClaim(idNumberHash, { type: 'ReleaseIdNumber', data: { idNumberHash, residentId } }, context);
      throw error;
    }
    const old = state.resident.idNumberHash;
    await this.streams.idNumberClaim(old, { type: 'ReleaseIdNumber', data: { idNumberHash: old, residentId } }, context);
    return RegistryStreams.outcome(result);
  }
}

/** After the correction the record must still say what the ID number encodes: birth date and sex. */
function requireAgreementWithIdNumber(idNumber: string, birthDate: string, sex: 'female' | 'male'): void {
  const check = validateResidentIdNumber(idNumber);
  if (!check.valid) return;
  if (check.birthDate !== birthDate) {
    throw new DomainError('birth-date-does-not-match-id-number', 'birthDate differs from the birth date in the ID number', 422, {
      field: 'birthDate',
    });
  }
  if (check.sex !== sex) {
    throw new DomainError('sex-does-not-match-id-number', 'sex differs from the sex encoded in the ID number', 422, { field: 'sex' });
  }
}
