import { addDays, daysBetween, isIsoDate, isTimeOfDay, minutesBetween, stationDate, stationInstant, weekdayOf } from './station-time';

describe('station time', () => {
  it('tells the station date, eight hours ahead of UTC', () => {
    expect(stationDate('2026-06-14T15:59:59.000Z')).toBe('2026-06-14');
    expect(stationDate('2026-06-14T16:00:00.000Z')).toBe('2026-06-15');
  });

  it('places a time of day at the station on the time line', () => {
    expect(new Date(stationInstant('2026-06-15', '09:30')).toISOString()).toBe('2026-06-15T01:30:00.000Z');
  });

  it('knows real dates and times of day', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-6-1')).toBe(false);
    expect(isTimeOfDay('23:59')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
  });

  it('counts days across months and years, and tells weekdays', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect(weekdayOf('2026-06-15')).toBe(1);
    expect(weekdayOf('2026-06-21')).toBe(7);
  });

  it('counts whole minutes served, rounding a started minute down', () => {
    expect(minutesBetween('2026-06-15T01:00:00.000Z', '2026-06-15T02:30:59.000Z')).toBe(90);
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => stationInstant('2026-06-15', '9:30')).toThrow(RangeError);
  });
});
