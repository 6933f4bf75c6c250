/**
 * Calendar dates as 'YYYY-MM-DD' strings, computed arithmetically so the rules stay pure and no
 * time zone of the machine running them can shift a date by one day.
 */

/** A calendar date written 'YYYY-MM-DD'. Two such strings compare correctly as plain strings. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The stations are all in China: one offset, UTC+8, with no daylight saving since 1991. */
const STATION_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1 to 12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parse(date: IsoDate): YearMonthDay | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function mustParse(date: IsoDate): YearMonthDay {
  const parsed = parse(date);
  if (!parsed) throw new RangeError(`Not a calendar date as YYYY-MM-DD: ${JSON.stringify(date)}`);
  return parsed;
}

function format({ year, month, day }: YearMonthDay): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' is not one). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parse(value) !== undefined;
}

/**
 * Adds whole months; a day that does not exist in the target month falls back to that month's last
 * day, the way a calendar-month period is counted (2025-08-31 + 6 months = 2026-02-28).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = mustParse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Adds whole years with the same month-end rule (2028-02-29 + 1 year = 2029-02-28). */
export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Adds (or with a negative count, subtracts) days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = mustParse(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The first day of the month `months` away from the month of `date` (0 for its own month). */
export function firstDayOfMonth(date: IsoDate, months = 0): IsoDate {
  const shifted = addMonths(date, months);
  return `${shifted.slice(0, 8)}01`;
}

/** The calendar date at the stations (China Standard Time) at an ISO-8601 instant such as `metadata.now`. */
export function stationDate(instant: string): IsoDate {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 instant: ${JSON.stringify(instant)}`);
  return new Date(ms + STATION_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
