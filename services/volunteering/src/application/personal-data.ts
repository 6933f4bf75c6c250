import { DomainError } from '@kinship/eventsourcing';
import { FieldCipher, JsonValue, SubjectErasedError } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { FIELD_CIPHER } from './volunteering.tokens';

/** Nothing new is recorded about a person whose data was erased: their key is gone for good. */
export function personalDataErased(): DomainError {
  return new DomainError('personal-data-erased', "This person's personal data was erased; nothing new is recorded about them", 409);
}

/** Encrypts and decrypts personal fields under their subject's key; nothing personal is written in clear. */
@Injectable()
export class PersonalData {
  constructor(@Inject(FIELD_CIPHER) private readonly cipher: FieldCipher) {}

  /** The ciphertext of `value` under the subject; 409 once the subject was erased (a key is never made again). */
  async seal(subjectId: string, value: JsonValue): Promise<string> {
    try {
      return await this.cipher.encrypt(subjectId, value);
    } catch (error) {
      if (error instanceof SubjectErasedError) {
        throw personalDataErased();
      }
      throw error;
    }
  }

  async sealIfGiven(subjectId: string, value: string | undefined): Promise<string | undefined> {
    return value === undefined ? undefined : this.seal(subjectId, value);
  }

  /** The clear value, or null when the subject was erased. */
  open<T extends JsonValue>(subjectId: string, ciphertext: string | null | undefined): Promise<T | null> {
    if (ciphertext === null || ciphertext === undefined) return Promise.resolve(null);
    return this.cipher.decrypt<T>(subjectId, ciphertext);
  }
}
