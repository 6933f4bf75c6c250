import { DomainError } from '@kinship/eventsourcing';
import { FieldCipher, JsonValue, KeyStore, SubjectErasedError } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { FIELD_CIPHER, KEY_STORE } from './brokerage.tokens';

/**
 * Encrypts personal data under its person's own key before it goes into an event, and tells whether a person is
 * known at all. The registry made every resident's key when it registered them, so a resident whose key never
 * existed is no resident of the district, and one whose key is erased has been forgotten.
 */
@Injectable()
export class PersonalData {
  constructor(
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async requireResident(residentId: string): Promise<void> {
    if (await this.keys.isErased(residentId)) throw erased('resident', residentId);
    const key = await this.keys.getKey(residentId);
    if (key === null) {
      throw new DomainError('resident-unknown', 'No resident with this id is registered in the district', 422, { field: 'residentId', residentId });
    }
    key.fill(0);
  }

  async encrypt(person: 'resident' | 'landlord', subjectId: string, value: JsonValue): Promise<string> {
    try {
      return await this.cipher.encrypt(subjectId, value);
    } catch (error) {
      if (error instanceof SubjectErasedError) throw erased(person, subjectId);
      throw error;
    }
  }

  /** Crypto-shredding: every copy of the person's ciphertext becomes unreadable. */
  async erase(subjectId: string): Promise<void> {
    await this.keys.erase(subjectId);
  }
}

function erased(person: 'resident' | 'landlord', subjectId: string): DomainError {
  return new DomainError(`${person}-erased`, `The ${person}'s personal data has been erased`, 409, { [`${person}Id`]: subjectId });
}
