import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a serial read aloud or copied by hand is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `VR` and 26 characters: 128 random bits, so holding a serial is the only way to find its record. */
export const RECORD_SERIAL = /^VR[0-9A-HJKMNP-TV-Z]{26}$/;

export function newRecordSerial(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return `VR${out}`;
}
