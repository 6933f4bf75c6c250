/**
 * Calendar dates ('YYYY-MM-DD') and months ('YYYY-MM') as strings, computed arithmetically so the rules stay
 * pure and no time zone of the machine can shift a date. Both compare correctly as plain strings.
 */

export type IsoDate = string;
export type Month = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The stations are all in China: UTC+8, no daylight saving. */
const STATION_OFFSET_MS = 8 * 60 * 60 * 1000;

/** True for a real calendar date written 'YYYY-MM-DD' ('2026-02-30' is not one). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, monthNumber, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return monthNumber >= 1 && monthNumber <= 12 && day >= 1 && day <= daysInMonth(year, monthNumber);
}

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH.test(value);
}

function daysInMonth(year: number, monthNumber: number): number {
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

/** The calendar date at the stations at an ISO-8601 instant, such as a command's `now`. */
export function stationDate(instant: string): IsoDate {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 instant: ${JSON.stringify(instant)}`);
  return new Date(ms + STATION_OFFSET_MS).toISOString().slice(0, 10);
}

export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7);
}

/** The month `count` months after `month` (before it, for a negative count). */
export function addMonths(month: Month, count: number): Month {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

export function firstDayOf(month: Month): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: Month): IsoDate {
  return `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
}
