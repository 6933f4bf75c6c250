/**
 * Station dates ('YYYY-MM-DD') and times of day ('HH:MM'). Every station is in China: one offset, UTC+8, no
 * daylight saving, so the arithmetic is done on UTC milliseconds shifted by that offset and never depends on
 * the time zone of the machine.
 */

export type IsoDate = string;

const DAY_MS = 24 * 60 * 60 * 1000;
const STATION_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Milliseconds since the epoch of midnight UTC on that date, or NaN when it is no calendar date. */
function utcMidnight(date: string): number {
  const match = DATE.exec(date);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? ms : Number.NaN;
}

function mustMidnight(date: string): number {
  const ms = utcMidnight(date);
  if (Number.isNaN(ms)) throw new RangeError(`Not a calendar date as YYYY-MM-DD: ${JSON.stringify(date)}`);
  return ms;
}

/** True for a real calendar date written 'YYYY-MM-DD' ('2026-02-30' is not one). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && !Number.isNaN(utcMidnight(value));
}

/** True for a time of day written 'HH:MM' (00:00 to 23:59). */
export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

/** The date at the station at this instant (an ISO-8601 instant with an offset). */
export function stationDate(instant: string): IsoDate {
  return new Date(Date.parse(instant) + STATION_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (epoch milliseconds) of a time of day at the station. */
export function stationInstant(date: IsoDate, time: string): number {
  const match = TIME.exec(time);
  if (!match) throw new RangeError(`Not a time of day as HH:MM: ${JSON.stringify(time)}`);
  return mustMidnight(date) - STATION_OFFSET_MS + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(mustMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((mustMidnight(to) - mustMidnight(from)) / DAY_MS);
}

/** ISO weekday: 1 for Monday to 7 for Sunday. */
export function weekdayOf(date: IsoDate): number {
  const day = new Date(mustMidnight(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whole minutes between two instants, rounded down (a started minute is not served). */
export function minutesBetween(fromInstant: string, toInstant: string): number {
  return Math.floor((Date.parse(toInstant) - Date.parse(fromInstant)) / 60_000);
}
