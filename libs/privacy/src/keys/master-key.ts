import { createHash, hkdfSync, randomBytes } from 'node:crypto';

/** The master key wraps every per-person data key; it must be exactly 32 bytes. */
export const MASTER_KEY_BYTES = 32;

/** The configuration value for the master key is missing or malformed. */
export class InvalidMasterKeyError extends Error {
  override readonly name = 'InvalidMasterKeyError';
}

/**
 * Reads the master key from configuration (e.g. `KINSHIP_MASTER_KEY`): standard or url-safe base64 of
 * exactly 32 bytes. Throws `InvalidMasterKeyError` otherwise, so a service never starts with a weak key.
 */
export function masterKeyFromConfig(value: string | undefined): Buffer {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    throw new InvalidMasterKeyError('The master key is not configured (expected base64 of 32 random bytes).');
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new InvalidMasterKeyError('The master key must be base64 (standard or url-safe).');
  }
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new InvalidMasterKeyError(`The master key must decode to ${MASTER_KEY_BYTES} bytes, got ${key.length}.`);
  }
  if (key.every((byte) => byte === key[0])) {
    throw new InvalidMasterKeyError('The master key is a repeated byte; generate a random one.');
  }
  return key;
}

/** A fresh random master key as base64, suitable for `KINSHIP_MASTER_KEY`. */
export function generateMasterKey(): string {
  return randomBytes(MASTER_KEY_BYTES).toString('base64');
}

/**
 * Development only: derives a stable master key from a passphrase so a demo keeps its data across
 * restarts without a configured secret. Never use it where real residents' data is kept.
 */
export function deriveDevMasterKey(passphrase: string): Buffer {
  if (passphrase.length === 0) {
    throw new InvalidMasterKeyError('A development passphrase must not be empty.');
  }
  const salt = createHash('sha256').update('kinship.dev-master-key.v1').digest();
  return Buffer.from(hkdfSync('sha256', Buffer.from(passphrase, 'utf8'), salt, 'kinship.master-key', MASTER_KEY_BYTES));
}

/** A short public fingerprint of a master key, stored beside wrapped keys to detect a changed master key. */
export function masterKeyId(masterKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'kinship.master-key-id', 8)).toString('hex');
}
