import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyStore } from '../keys/key-store.port';

/** Any value `JSON.stringify` round-trips. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A ciphertext failed authentication or is not in the `v1.<iv>.<tag>.<ciphertext>` form. */
export class TamperedCiphertextError extends Error {
  override readonly name = 'TamperedCiphertextError';
  constructor(
    readonly subjectId: string,
    reason: string,
  ) {
    super(`Personal data of subject ${subjectId} cannot be decrypted: ${reason}`);
  }
}

/** Encrypts a person's fields under that person's own data key. */
export interface FieldCipher {
  /** Encrypts under the subject's key (created on first use); throws `SubjectErasedError` once erased. */
  encrypt(subjectId: string, value: JsonValue): Promise<string>;
  /** The value, or null when the subject's key was erased (crypto-shredded) or never existed. */
  decrypt<T extends JsonValue = JsonValue>(subjectId: string, ciphertext: string): Promise<T | null>;
}

/**
 * AES-256-GCM with a random 12-byte IV per value, written as `v1.<iv>.<tag>.<ciphertext>` in base64url.
 * The subject id is the associated data, so a ciphertext copied onto another person fails to decrypt.
 */
export class PersonalDataCipher implements FieldCipher {
  constructor(private readonly keys: KeyStore) {}

  async encrypt(subjectId: string, value: JsonValue): Promise<string> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError('Only JSON values can be encrypted.');
    const key = await this.keys.getOrCreateKey(subjectId);
    try {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData(subjectId));
      const ciphertext = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
      const encoded = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return [VERSION, ...encoded].join('.');
    } finally {
      key.fill(0);
    }
  }

  async decrypt<T extends JsonValue = JsonValue>(subjectId: string, ciphertext: string): Promise<T | null> {
    const parts = parse(subjectId, ciphertext);
    const key = await this.keys.getKey(subjectId);
    if (key === null) return null;
    let json: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, parts.iv);
      decipher.setAAD(associatedData(subjectId));
      decipher.setAuthTag(parts.tag);
      json = Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new TamperedCiphertextError(subjectId, 'authentication failed (altered, or encrypted for another subject)');
    } finally {
      key.fill(0);
    }
    return JSON.parse(json) as T;
  }
}

/** Whether a string has the shape of a `PersonalDataCipher` ciphertext (it is not authenticated here). */
export function isPersonalDataCiphertext(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = value.split('.');
  return parts.length === 4 && parts[0] === VERSION && parts.slice(1).every((part) => BASE64URL.test(part));
}

function parse(subjectId: string, ciphertext: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  if (!isPersonalDataCiphertext(ciphertext)) {
    throw new TamperedCiphertextError(subjectId, `not a ${VERSION} ciphertext`);
  }
  const [, iv, tag, body] = ciphertext.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new TamperedCiphertextError(subjectId, 'the IV or tag has the wrong length');
  }
  return { iv, tag, ciphertext: body };
}

function associatedData(subjectId: string): Buffer {
  return Buffer.from(`kinship.personal-data.v1|${subjectId}`, 'utf8');
}
