import {
  addBusinessMs,
  addCalendarDays,
  businessMsBetween,
  DEFAULT_WORKING_CALENDAR,
  localDate,
  startOfLocalDate,
  WorkingCalendar,
  workingCalendarSchema,
} from './business-calendar';

const MINUTE = 60_000;
/** An instant given in China time (UTC+8), as epoch milliseconds. */
const cst = (localDateTime: string) => Date.parse(`${localDateTime}:00+08:00`);
// 2026-03-02 is a Monday.
const calendar = DEFAULT_WORKING_CALENDAR;

describe('business time between two instants', () => {
  it('counts the opening hours of one day', () => {
    expect(businessMsBetween(calendar, cst('2026-03-02T09:00'), cst('2026-03-02T11:15'))).toBe(135 * MINUTE);
  });

  it('counts nothing before opening, after closing, at night or over the weekend', () => {
    expect(businessMsBetween(calendar, cst('2026-03-02T06:00'), cst('2026-03-02T08:30'))).toBe(0);
    expect(businessMsBetween(calendar, cst('2026-03-02T17:30'), cst('2026-03-03T08:30'))).toBe(0);
    expect(businessMsBetween(calendar, cst('2026-03-06T17:30'), cst('2026-03-09T08:30'))).toBe(0);
  });

  it('spans a weekend: Friday 16:30 to Monday 09:30 is two hours', () => {
    expect(businessMsBetween(calendar, cst('2026-03-06T16:30'), cst('2026-03-09T09:30'))).toBe(120 * MINUTE);
  });

  it('skips public holidays and counts make-up workdays', () => {
    const withHolidays: WorkingCalendar = { ...calendar, holidays: ['2026-03-03'], extraWorkdays: ['2026-03-07'] };
    expect(businessMsBetween(withHolidays, cst('2026-03-02T17:00'), cst('2026-03-04T09:00'))).toBe(60 * MINUTE);
    expect(businessMsBetween(withHolidays, cst('2026-03-07T08:00'), cst('2026-03-07T18:00'))).toBe(9 * 60 * MINUTE);
  });

  it('is zero for an empty or reversed span', () => {
    expect(businessMsBetween(calendar, cst('2026-03-02T10:00'), cst('2026-03-02T10:00'))).toBe(0);
    expect(businessMsBetween(calendar, cst('2026-03-02T11:00'), cst('2026-03-02T10:00'))).toBe(0);
  });

  it('follows the calendar’s own time zone', () => {
    const utc: WorkingCalendar = { ...calendar, utcOffsetMinutes: 0 };
    expect(businessMsBetween(utc, Date.parse('2026-03-02T08:00:00Z'), Date.parse('2026-03-02T10:00:00Z'))).toBe(90 * MINUTE);
  });
});

describe('adding business time to an instant', () => {
  it('lands within the same day when the hours are there', () => {
    expect(addBusinessMs(calendar, cst('2026-03-02T09:00'), 240 * MINUTE)).toBe(cst('2026-03-02T13:00'));
  });

  it('ends at closing time rather than at the next opening when the span fills the day exactly', () => {
    expect(addBusinessMs(calendar, cst('2026-03-06T16:30'), 60 * MINUTE)).toBe(cst('2026-03-06T17:30'));
  });

  it('carries over nights, weekends and holidays', () => {
    expect(addBusinessMs(calendar, cst('2026-03-06T17:00'), 60 * MINUTE)).toBe(cst('2026-03-09T09:00'));
    expect(addBusinessMs({ ...calendar, holidays: ['2026-03-09'] }, cst('2026-03-06T17:00'), 60 * MINUTE)).toBe(cst('2026-03-10T09:00'));
  });

  it('starts counting at the opening when asked before it', () => {
    expect(addBusinessMs(calendar, cst('2026-03-02T07:00'), 30 * MINUTE)).toBe(cst('2026-03-02T09:00'));
  });

  it('is the inverse of counting business time', () => {
    const from = cst('2026-03-04T14:07');
    for (const minutes of [1, 59, 200, 541, 1080, 5400, 12_345]) {
      const to = addBusinessMs(calendar, from, minutes * MINUTE);
      expect(businessMsBetween(calendar, from, to)).toBe(minutes * MINUTE);
    }
  });

  it('refuses a calendar that never opens', () => {
    const never: WorkingCalendar = { ...calendar, workdays: [6], holidays: [] };
    const closedSaturdays = { ...never, holidays: Array.from({ length: 600 }, (_, i) => addCalendarDays('2026-03-07', i * 7)) };
    expect(() => addBusinessMs(closedSaturdays, cst('2026-03-02T09:00'), 60 * MINUTE)).toThrow(RangeError);
  });
});

describe('local dates of the stations', () => {
  it('gives the China date of an instant and the instant a China date starts', () => {
    expect(localDate(calendar, '2026-03-01T16:30:00.000Z')).toBe('2026-03-02');
    expect(startOfLocalDate(calendar, '2026-03-02')).toBe('2026-03-01T16:00:00.000Z');
    expect(addCalendarDays('2026-02-27', 3)).toBe('2026-03-02');
  });
});

describe('the calendar schema', () => {
  it('accepts the default calendar and refuses a day that closes before it opens', () => {
    expect(workingCalendarSchema.safeParse(calendar).success).toBe(true);
    expect(workingCalendarSchema.safeParse({ ...calendar, opens: '18:00' }).success).toBe(false);
    expect(workingCalendarSchema.safeParse({ ...calendar, workdays: [] }).success).toBe(false);
  });
});
