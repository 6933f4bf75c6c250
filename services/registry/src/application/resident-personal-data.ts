import { ResidentPersonalData } from '@kinship/contracts';
import { DomainError, Loaded } from '@kinship/eventsourcing';
import { FieldCipher } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { ResidentState } from '../resident/resident.decider';
import { RegistryStreams } from './registry-streams';
import { FIELD_CIPHER } from './registry.tokens';

export type KnownResident = Exclude<ResidentState, { status: 'unregistered' } | { status: 'erased' }>;

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

  /**
   * The resident's state at the station and the stream version it was read at, to pin the command built from
   * it; 404 when the station never had this resident, 409 once erased.
   */
  async known(stationId: string, residentId: string): Promise<Loaded<KnownResident>> {
    const loaded = await this.streams.loadResident(stationId, residentId);
    const { state } = loaded;
    if (state.status === 'unregistered') {
      throw new DomainError('resident-not-found', `No resident ${residentId} at station ${stationId}`, 404);
    }
    if (state.status === 'erased') {
      throw new DomainError('resident-erased', "The resident's personal data has been erased; the record is closed", 409);
    }
    return { ...loaded, state };
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

  /**
   * Like `rewrite`, but undefined when the change leaves the document as it is: every encryption draws a fresh
   * IV, so comparing ciphertexts would make any repeated correction look like a change.
   */
  async rewriteIfChanged(state: KnownResident, change: (current: ResidentPersonalData) => ResidentPersonalData): Promise<string | undefined> {
    const current = await this.read(state);
    const next = change(current);
    return isDeepStrictEqual(current, next) ? undefined : this.cipher.encrypt(state.resident.residentId, next);
  }
}
