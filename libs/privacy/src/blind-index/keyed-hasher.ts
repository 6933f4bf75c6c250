import { createHmac, hkdfSync } from 'node:crypto';
import { MASTER_KEY_BYTES, InvalidMasterKeyError } from '../keys/master-key';

/** What a blind index is over; each kind has its own secret and its own normalisation. */
export const BLIND_INDEX_KINDS = ['id-number', 'name', 'phone'] as const;
export type BlindIndexKind = (typeof BLIND_INDEX_KINDS)[number];

/** Resident ID numbers: whitespace removed, check character `x` upper-cased. */
export function normaliseIdNumber(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Names: NFKC (full-width letters become ASCII), trimmed, inner whitespace collapsed to one space and
 * lower-cased, so `ＬＩ  Wei` and `li wei` find the same person; Han characters are unaffected by case.
 */
export function normaliseName(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Phone numbers: digits only, and the mainland country code (`+86`, `0086`) dropped from mobile numbers. */
export function normalisePhone(value: string): string {
  const digits = value.normalize('NFKC').replace(/\D/g, '');
  const withoutCountryCode = /^(?:0086|86)1\d{10}$/.test(digits) ? digits.slice(digits.length - 11) : digits;
  return withoutCountryCode;
}

const NORMALISERS: Record<BlindIndexKind, (value: string) => string> = {
  'id-number': normaliseIdNumber,
  name: normaliseName,
  phone: normalisePhone,
};

/**
 * Blind indexes for exact-match search and duplicate detection (DESIGN §2): HMAC-SHA256 under a
 * secret derived from the master key with HKDF, one secret per kind, output base64url. Equal inputs
 * (after normalisation) give equal hashes; without the master key the hashes reveal nothing.
 */
export class KeyedHasher {
  private readonly secrets: Record<BlindIndexKind, Buffer>;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== MASTER_KEY_BYTES) {
      throw new InvalidMasterKeyError(`The master key must be ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}.`);
    }
    const secret = (kind: BlindIndexKind) =>
      Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('kinship.blind-index.v1'), `kinship.blind-index.${kind}`, 32));
    this.secrets = { 'id-number': secret('id-number'), name: secret('name'), phone: secret('phone') };
  }

  /** Normalises the value for its kind and hashes it. Throws when nothing is left to hash. */
  hash(kind: BlindIndexKind, value: string): string {
    const normalised = NORMALISERS[kind](value);
    if (normalised.length === 0) {
      // An empty index value would make every blank field match every other.
      throw new TypeError(`Cannot build a ${kind} blind index of an empty value.`);
    }
    return createHmac('sha256', this.secrets[kind]).update(normalised, 'utf8').digest('base64url');
  }

  hashIdNumber(value: string): string {
    return this.hash('id-number', value);
  }

  hashName(value: string): string {
    return this.hash('name', value);
  }

  hashPhone(value: string): string {
    return this.hash('phone', value);
  }
}
