import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyUnwrapError } from './key-store.port';
import { masterKeyId } from './master-key';

/** Size of a per-person data key (AES-256). */
export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Envelope encryption of per-person data keys under the master key (AES-256-GCM), shared by every key store so a
 * key wrapped by one adapter unwraps in another. Layout: iv (12) | tag (16) | ciphertext (32).
 */
export class KeyWrapper {
  private readonly masterKey: Buffer;
  /** Identifies the master key a wrapped key was made with, so a wrong master key is named, not guessed. */
  readonly masterKeyId: string;

  constructor(masterKey: Buffer) {
    // Copied so the caller wiping or reusing its buffer cannot change the key under us.
    this.masterKey = Buffer.from(masterKey);
    this.masterKeyId = masterKeyId(this.masterKey);
  }

  newDataKey(): Buffer {
    return randomBytes(DATA_KEY_BYTES);
  }

  wrap(subjectId: string, dataKey: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(wrapAad(subjectId));
    const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  unwrap(subjectId: string, wrapped: Buffer | null, wrappedBy: string | null): Buffer {
    if (wrappedBy !== this.masterKeyId) {
      throw new KeyUnwrapError(subjectId, `it was wrapped by master key ${wrappedBy}, this store holds ${this.masterKeyId}`);
    }
    if (wrapped === null || wrapped.length !== IV_BYTES + TAG_BYTES + DATA_KEY_BYTES) {
      throw new KeyUnwrapError(subjectId, 'the stored key has the wrong length');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(wrapAad(subjectId));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new KeyUnwrapError(subjectId, 'authentication failed');
    }
  }

  wipe(): void {
    this.masterKey.fill(0);
  }
}

/** Binding the subject id stops a wrapped key being copied onto another person's row. */
function wrapAad(subjectId: string): Buffer {
  return Buffer.from(`kinship.data-key.v1|${subjectId}`, 'utf8');
}
