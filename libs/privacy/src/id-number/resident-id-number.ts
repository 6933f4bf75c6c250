/** GB 11643-1999 weights of the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for each weighted sum modulo 11. */
const CHECK_CHARACTERS = '10X98765432';

/**
 * Province-level codes of GB/T 2260, plus 81/82/83 (residence permits of Hong Kong, Macao and Taiwan
 * residents). Catches a mistyped first digit that the check character alone may miss.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Birth dates before this are taken as typing errors: 18-digit numbers date from 1999. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

export type Sex = 'male' | 'female';

export type ResidentIdNumberRejection =
  | 'wrong-length'
  | 'invalid-characters'
  | 'unknown-region'
  | 'invalid-birth-date'
  | 'birth-date-in-future'
  | 'wrong-check-character';

export type ResidentIdNumberCheck =
  | {
      valid: true;
      /** The number as it should be stored: trimmed, check character `X` upper-case. */
      idNumber: string;
      birthDate: string;
      sex: Sex;
      regionCode: string;
    }
  | { valid: false; reason: ResidentIdNumberRejection };

/** The GB 11643-1999 check character of the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('The check character is computed over exactly 17 digits.');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * Checks an 18-character resident ID number (居民身份证号码, GB 11643-1999): 17 digits and a check
 * character, a known province, a real birth date between 1900 and `today` (`YYYY-MM-DD`, supplied by
 * the caller because this function reads no clock). A lower-case `x` is accepted and normalised.
 */
export function validateResidentIdNumber(value: string, today?: string): ResidentIdNumberCheck {
  if (today !== undefined && !isCalendarDate(today)) {
    throw new TypeError(`today must be a YYYY-MM-DD date, got ${today}`);
  }
  const idNumber = value.trim().toUpperCase();
  if (idNumber.length !== 18) return { valid: false, reason: 'wrong-length' };
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { valid: false, reason: 'invalid-characters' };

  const regionCode = idNumber.slice(0, 6);
  if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) return { valid: false, reason: 'unknown-region' };

  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE) return { valid: false, reason: 'invalid-birth-date' };
  if (today !== undefined && birthDate > today) return { valid: false, reason: 'birth-date-in-future' };

  if (residentIdCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) {
    return { valid: false, reason: 'wrong-check-character' };
  }
  const sex: Sex = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
  return { valid: true, idNumber, birthDate, sex, regionCode };
}

/**
 * Builds a valid resident ID number, for tests and the demo seeder. Without `sex`, `sequence` is the
 * raw 3-digit order code (0–999; odd means male). With `sex`, `sequence` is the n-th number of that
 * sex for the region and birth date (0–499), so distinct sequences never collide.
 */
export function generateResidentIdNumber(regionCode: string, birthDate: string, sequence: number, sex?: Sex): string {
  if (!/^\d{6}$/.test(regionCode) || !PROVINCE_CODES.has(regionCode.slice(0, 2))) {
    throw new RangeError(`Not a known 6-digit region code: ${regionCode}`);
  }
  if (!isCalendarDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE) {
    throw new RangeError(`Not a usable birth date: ${birthDate}`);
  }
  const limit = sex === undefined ? 999 : 499;
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > limit) {
    throw new RangeError(`The sequence must be an integer from 0 to ${limit}, got ${sequence}`);
  }
  const orderCode = sex === undefined ? sequence : sequence * 2 + (sex === 'male' ? 1 : 0);
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(orderCode).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
