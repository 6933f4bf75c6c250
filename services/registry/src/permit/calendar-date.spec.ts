import fc from 'fast-check';
import { addDays, addMonths, addYears, daysInMonth, firstDayOfMonth, isIsoDate, stationDate } from './calendar-date';

const anyDate = fc
  .record({ year: fc.integer({ min: 1990, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, daysInMonth(year, month))).padStart(2, '0')}`);

describe('calendar dates', () => {
  describe('when adding months', () => {
    it.each([
      ['2026-01-10', 6, '2026-07-10'],
      ['2025-08-31', 6, '2026-02-28'],
      ['2023-08-31', 6, '2024-02-29'],
      ['2026-10-31', 1, '2026-11-30'],
      ['2026-11-15', 3, '2027-02-15'],
      ['2026-03-31', -1, '2026-02-28'],
      ['2026-01-15', -13, '2024-12-15'],
      ['2026-05-20', 0, '2026-05-20'],
    ])('%s plus %i months is %s', (date, months, expected) => {
      expect(addMonths(date, months)).toBe(expected);
    });

    it('lands on a real date, in the month that many months away, never on a later day', () => {
      fc.assert(
        fc.property(anyDate, fc.integer({ min: -48, max: 48 }), (date, months) => {
          const result = addMonths(date, months);
          const monthsApart = (Number(result.slice(0, 4)) - Number(date.slice(0, 4))) * 12 + Number(result.slice(5, 7)) - Number(date.slice(5, 7));
          return isIsoDate(result) && monthsApart === months && Number(result.slice(8)) <= Number(date.slice(8));
        }),
      );
    });
  });

  describe('when adding years', () => {
    it('moves 29 February to 28 February in a common year', () => {
      expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    });

    it('keeps 29 February in a leap year four years later', () => {
      expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    });

    it('keeps any other day and month', () => {
      expect(addYears('2026-07-10', 1)).toBe('2027-07-10');
    });
  });

  describe('when adding days', () => {
    it.each([
      ['2026-02-28', 1, '2026-03-01'],
      ['2024-02-28', 1, '2024-02-29'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2027-01-01', -1, '2026-12-31'],
      ['2026-07-10', 365, '2027-07-10'],
    ])('%s plus %i days is %s', (date, days, expected) => {
      expect(addDays(date, days)).toBe(expected);
    });

    it('comes back to the same date after adding and subtracting the same days', () => {
      fc.assert(fc.property(anyDate, fc.integer({ min: -2000, max: 2000 }), (date, days) => addDays(addDays(date, days), -days) === date));
    });
  });

  describe('when taking the first day of a month', () => {
    it.each([
      ['2027-03-15', -1, '2027-02-01'],
      ['2027-03-31', -1, '2027-02-01'],
      ['2027-01-10', -1, '2026-12-01'],
      ['2027-01-10', 0, '2027-01-01'],
    ])('of %s shifted by %i months it is %s', (date, months, expected) => {
      expect(firstDayOfMonth(date, months)).toBe(expected);
    });
  });

  describe('when checking a date', () => {
    it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (date) => {
      expect(isIsoDate(date)).toBe(true);
    });

    it.each(['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-10', '2026-01-10T00:00:00Z', '', 20260110])(
      'refuses %p',
      (value) => {
        expect(isIsoDate(value)).toBe(false);
      },
    );

    it('refuses to compute with a date that does not exist', () => {
      expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
      expect(() => addDays('10/01/2026', 1)).toThrow(RangeError);
    });
  });

  describe('when reading the date of an instant at the stations', () => {
    it('counts the day in China Standard Time, eight hours ahead of UTC', () => {
      expect(stationDate('2026-07-09T16:00:00Z')).toBe('2026-07-10');
      expect(stationDate('2026-07-09T15:59:59.999Z')).toBe('2026-07-09');
    });

    it('reads an instant written with the station offset as that day', () => {
      expect(stationDate('2026-07-10T00:30:00+08:00')).toBe('2026-07-10');
    });

    it('refuses something that is not an instant', () => {
      expect(() => stationDate('yesterday')).toThrow(RangeError);
    });
  });
});
