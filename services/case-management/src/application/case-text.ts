import { caseTextSubject } from '@kinship/contracts';
import { DomainError } from '@kinship/eventsourcing';
import { FieldCipher, KeyStore, SubjectErasedError } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { FIELD_CIPHER, KEY_STORE } from './case-management.tokens';

/**
 * A case's free text (descriptions, notes, records of mediation, duties) under the case's own key. One key per
 * case rather than per resident: the text may name every party, so erasing any resident of the case erases the
 * key and with it all of the text, wherever a copy of the ciphertext went.
 */
@Injectable()
export class CaseText {
  constructor(
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async encrypt(caseId: string, text: string): Promise<string> {
    try {
      return await this.cipher.encrypt(caseTextSubject(caseId), text);
    } catch (error) {
      if (error instanceof SubjectErasedError || (error as Error)?.name === 'SubjectErasedError') {
        throw new DomainError('case-personal-data-erased', "A resident of this case was erased; the case's free text can no longer be written", 409);
      }
      throw error;
    }
  }

  async encryptOptional(caseId: string, text: string | undefined): Promise<string | undefined> {
    return text === undefined ? undefined : this.encrypt(caseId, text);
  }

  /** The text, or null once the case's key is erased. */
  async decrypt(caseId: string, ciphertext: string): Promise<string | null> {
    return this.cipher.decrypt<string>(caseTextSubject(caseId), ciphertext);
  }

  async erase(caseId: string): Promise<void> {
    await this.keys.erase(caseTextSubject(caseId));
  }
}
