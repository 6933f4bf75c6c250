import { ResidentPersonalData } from '@kinship/contracts';
import { DomainError } from '@kinship/eventsourcing';
import { FieldCipher } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { ResidentState } from '../resident/resident.decider';
import { RegistryStreams } from './registry-streams';
import { FIELD_CIPHER } from './registry.tokens';

type KnownResident = Exclude<ResidentState, { status: 'unregistered' } | { status: 'erased' }>;

/**
 * Reads and rewrites a resident's encrypted personal document. Changing one personal field re-encrypts the
 * whole document under the same per-person key, so events never carry a field in clear.
 */
@Injectable()
export class ResidentPersonalDataService {
  constructor(
    private readonly streams: RegistryStreams,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  /** The resident's state at the station; 404 when the station never had this resident, 409 once erased. */
  async known(stationId: string, residentId: string): Promise<KnownResident> {
    const state = await this.streams.residentState(stationId, residentId);
    if (state.status === 'unregistered') {
      throw new DomainError('resident-not-found', `No resident ${residentId} at station ${stationId}`, 404);
    }
    if (state.status === 'erased') {
      throw new DomainError('resident-erased', "The resident's personal data has been erased; the record is closed", 409);
    }
    return state;
  }

  async read(state: KnownResident): Promise<ResidentPersonalData> {
    const personal = await this.cipher.decrypt<ResidentPersonalData>(state.resident.residentId, state.resident.personal);
    if (personal === null) {
      throw new DomainError('resident-erased', "The resident's personal data has been erased; the record is closed", 409);
    }
    return personal;
  }

  async rewrite(state: KnownResident, change: (current: ResidentPersonalData) => ResidentPersonalData): Promise<string> {
    const next = change(await this.read(state));
    return this.cipher.encrypt(state.resident.residentId, next);
  }
}
