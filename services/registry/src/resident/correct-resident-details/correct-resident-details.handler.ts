import { ResidentPersonalData } from '@kinship/contracts';
import { DomainError } from '@kinship/eventsourcing';
import { KeyedHasher, validateResidentIdNumber } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '../../application/command-context';
import { RegistryStreams } from '../../application/registry-streams';
import { ResidentPersonalDataService } from '../../application/resident-personal-data';
import { KEYED_HASHER } from '../../application/registry.tokens';
import { CorrectResidentDetailsRequest } from './correct-resident-details.request.dto';

const PERSONAL_FIELDS = ['name', 'idNumber', 'phone', 'birthDate', 'employer'] as const;

@Injectable()
export class CorrectResidentDetailsHandler {
  constructor(
    private readonly streams: RegistryStreams,
    private readonly personalData: ResidentPersonalDataService,
    @Inject(KEYED_HASHER) private readonly hasher: KeyedHasher,
  ) {}

  async execute(stationId: string, residentId: string, request: CorrectResidentDetailsRequest, context: CommandContext): Promise<CommandOutcome> {
    const state = await this.personalData.known(stationId, residentId);
    const personalChanges = PERSONAL_FIELDS.filter((field) => request[field] !== undefined);
    let idNumber: string | undefined;
    if (request.idNumber !== undefined) {
      const check = validateResidentIdNumber(request.idNumber, context.now.slice(0, 10));
      if (!check.valid) throw new DomainError('invalid-id-number', `The ID number is invalid: ${check.reason}`, 422);
      idNumber = check.idNumber;
    }
    const idNumberHash = idNumber === undefined ? undefined : this.hasher.hashIdNumber(idNumber);
    const newIdNumber = idNumberHash !== undefined && idNumberHash !== state.resident.idNumberHash;
    const personal =
      personalChanges.length === 0
        ? undefined
        : await this.personalData.rewrite(state, (current): ResidentPersonalData => ({
            ...current,
            ...(request.name !== undefined ? { name: request.name.trim() } : {}),
            ...(idNumber !== undefined ? { idNumber } : {}),
            ...(request.phone !== undefined ? { phone: request.phone } : {}),
            ...(request.birthDate !== undefined ? { birthDate: request.birthDate } : {}),
            ...(request.employer !== undefined ? { employer: request.employer } : {}),
          }));

    // A corrected ID number is claimed before the correction and the old claim released after it, so the
    // person never holds no claim and never takes a number somebody else holds.
    if (newIdNumber) {
      await this.streams.idNumberClaim(idNumberHash, { type: 'ClaimIdNumber', data: { idNumberHash, residentId, stationId } }, context);
    }
    const result = await this.streams.resident(
      stationId,
      {
        type: 'CorrectResidentDetails',
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
      },
      context,
    );
    if (newIdNumber) {
      const old = state.resident.idNumberHash;
      await this.streams.idNumberClaim(old, { type: 'ReleaseIdNumber', data: { idNumberHash: old, residentId } }, context);
    }
    return RegistryStreams.outcome(result);
  }
}
