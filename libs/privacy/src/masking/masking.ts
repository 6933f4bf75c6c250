const MASK = '*';
/** A fixed-length mask where the length of what is hidden would itself say something. */
const OPAQUE_MASK = '***';
/** Hides the house detail of an address, whatever its length. */
const ADDRESS_MASK = '****';
/** Han characters and the interpuncts used in transliterated names (e.g. 买买提·艾力). */
const HAN_NAME = /^[\p{Script=Han}·・•]+$/u;

/**
 * Masks a person's name for display. Han names keep their first character and show one `*` per hidden
 * character (`张三` → `张*`, `欧阳娜娜` → `欧***`), as residents are used to; other names keep their first
 * letter and a fixed `***` (`Li Wei` → `L***`), so the length of the rest is not revealed.
 */
export function maskName(name: string): string {
  const characters = [...name.normalize('NFKC').trim().replace(/\s+/g, ' ')];
  if (characters.length === 0) return '';
  if (characters.length === 1) return MASK;
  if (HAN_NAME.test(characters.join(''))) return characters[0] + MASK.repeat(characters.length - 1);
  return characters[0] + OPAQUE_MASK;
}

/**
 * Masks an ID number keeping the first 6 (the issuing region) and the last 4 characters, the form
 * Chinese public services print: `320211********123X`. Numbers too short for that keep only their
 * last 2 characters.
 */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (value.length >= 15) return value.slice(0, 6) + MASK.repeat(value.length - 10) + value.slice(-4);
  if (value.length > 2) return MASK.repeat(value.length - 2) + value.slice(-2);
  return MASK.repeat(value.length);
}

/**
 * Masks a phone number keeping the first 3 and last 4 digits (`13812345678` → `138****5678`); the
 * separators and `+86` of the input are dropped. Numbers under 8 digits keep only the last 2.
 */
export function maskPhone(phone: string): string {
  let digits = phone.normalize('NFKC').replace(/\D/g, '');
  if (/^(?:0086|86)1\d{10}$/.test(digits)) digits = digits.slice(-11);
  if (digits.length >= 8) return digits.slice(0, 3) + MASK.repeat(digits.length - 7) + digits.slice(-4);
  if (digits.length > 2) return MASK.repeat(digits.length - 2) + digits.slice(-2);
  return MASK.repeat(digits.length);
}

/**
 * Masks an address by hiding its house detail: everything from the first digit on becomes `****`
 * (`梁溪区广瑞路88号3单元401室` → `梁溪区广瑞路****`). An address that starts with its number, as
 * Western ones do, has every digit masked instead (`12 Main Street` → `** Main Street`); one with no
 * digit keeps its first half.
 */
export function maskAddress(address: string): string {
  const value = address.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (value.length === 0) return '';
  const firstDigit = value.search(/\d/);
  if (firstDigit > 0) return value.slice(0, firstDigit).replace(/[\s,，、]+$/u, '') + ADDRESS_MASK;
  if (firstDigit === 0) return value.replace(/\d/g, MASK);
  const characters = [...value];
  const kept = Math.ceil(characters.length / 2);
  return characters.slice(0, kept).join('') + ADDRESS_MASK;
}
