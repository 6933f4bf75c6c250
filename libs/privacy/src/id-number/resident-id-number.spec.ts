import fc from 'fast-check';
import { generateResidentIdNumber, residentIdCheckCharacter, validateResidentIdNumber } from './resident-id-number';

describe('validateResidentIdNumber', () => {
  describe('when the number is valid', () => {
    it('accepts 11010519491231002X and reads the birth date, sex and region', () => {
      expect(validateResidentIdNumber('11010519491231002X', '2025-01-01')).toEqual({
        valid: true,
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
        sex: 'female',
        regionCode: '110105',
      });
    });

    it('reads an odd order code as male', () => {
      const idNumber = generateResidentIdNumber('440305', '1985-06-15', 1);
      expect(idNumber.slice(14, 17)).toBe('001');
      expect(validateResidentIdNumber(idNumber, '2025-01-01')).toMatchObject({ valid: true, sex: 'male', birthDate: '1985-06-15' });
    });

    it('accepts a lower-case x and surrounding spaces, returning the normalised number', () => {
      expect(validateResidentIdNumber(' 11010519491231002x ')).toMatchObject({ valid: true, idNumber: '11010519491231002X' });
    });

    it('accepts a person born today', () => {
      const idNumber = generateResidentIdNumber('320213', '2025-03-01', 12);
      expect(validateResidentIdNumber(idNumber, '2025-03-01')).toMatchObject({ valid: true, birthDate: '2025-03-01' });
    });
  });

  describe('when the number is wrong', () => {
    it.each([
      ['a wrong check character', '110105194912310021', 'wrong-check-character'],
      ['a check digit off by one', '320211199001011235', 'wrong-check-character'],
      ['17 characters', '11010519491231002', 'wrong-length'],
      ['19 characters', '11010519491231002X1', 'wrong-length'],
      ['the old 15-digit form', '110105491231002', 'wrong-length'],
      ['an X before the end', '1101051949123100X2', 'invalid-characters'],
      ['letters', '11010519491231OO2X', 'invalid-characters'],
      ['an unknown province', '00010519491231002X', 'unknown-region'],
      ['the 30th of February', '110105199002300011', 'invalid-birth-date'],
      ['month 13', '110105199013010011', 'invalid-birth-date'],
      ['a birth before 1900', '110105189912310011', 'invalid-birth-date'],
    ])('rejects %s', (_label, idNumber, reason) => {
      expect(validateResidentIdNumber(idNumber, '2025-01-01')).toEqual({ valid: false, reason });
    });

    it('rejects a birth date after today', () => {
      const idNumber = generateResidentIdNumber('320213', '2025-03-02', 12);
      expect(validateResidentIdNumber(idNumber, '2025-03-01')).toEqual({ valid: false, reason: 'birth-date-in-future' });
      expect(validateResidentIdNumber(idNumber)).toMatchObject({ valid: true });
    });

    it('insists that today is a date', () => {
      expect(() => validateResidentIdNumber('11010519491231002X', '01/03/2025')).toThrow(TypeError);
    });

    it('catches every single-digit typo in the first 17 digits', () => {
      const valid = '11010519491231002X';
      for (let position = 0; position < 17; position += 1) {
        for (let digit = 0; digit <= 9; digit += 1) {
          if (Number(valid[position]) === digit) continue;
          const typo = valid.slice(0, position) + digit + valid.slice(position + 1);
          expect(validateResidentIdNumber(typo, '2025-01-01').valid).toBe(false);
        }
      }
    });
  });
});

describe('generateResidentIdNumber', () => {
  it('produces numbers the validator accepts, with the requested birth date, region and sex', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('110105', '320211', '320213', '440305', '510104', '650102'),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 499 }),
        fc.constantFrom('male' as const, 'female' as const),
        (regionCode, date, sequence, sex) => {
          const birthDate = date.toISOString().slice(0, 10);
          const idNumber = generateResidentIdNumber(regionCode, birthDate, sequence, sex);
          expect(validateResidentIdNumber(idNumber, '2025-12-31')).toEqual({ valid: true, idNumber, birthDate, sex, regionCode });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('uses the raw order code when no sex is given', () => {
    expect(generateResidentIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });

  it('gives distinct numbers for distinct sequences of one sex', () => {
    const numbers = new Set(Array.from({ length: 500 }, (_, i) => generateResidentIdNumber('320211', '1990-01-01', i, 'female')));
    expect(numbers.size).toBe(500);
  });

  it.each([
    ['a short region code', () => generateResidentIdNumber('3202', '1990-01-01', 1)],
    ['an unknown province', () => generateResidentIdNumber('990101', '1990-01-01', 1)],
    ['an impossible date', () => generateResidentIdNumber('320211', '1990-02-30', 1)],
    ['a sequence over 999', () => generateResidentIdNumber('320211', '1990-01-01', 1000)],
    ['a sequence over 499 with a sex', () => generateResidentIdNumber('320211', '1990-01-01', 500, 'male')],
  ])('refuses %s', (_label, generate) => {
    expect(generate).toThrow(RangeError);
  });
});

describe('residentIdCheckCharacter', () => {
  it('maps the weighted sum modulo 11 through 10X98765432', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('00000000000000000')).toBe('1');
  });
});
