import { z } from 'zod';

/**
 * Business time (工作时间) of a service center: the hours its stations are open, in the center's local time.
 * SLA targets count only these hours. Pure functions of (calendar, instants), so every reader of the case
 * events (the write side's clock, the read models, a replay years later) computes the same deadlines.
 */

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const workingCalendarSchema = z
  .object({
    /** Minutes east of UTC; the stations are in China (UTC+8, no daylight saving). */
    utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60),
    /** ISO weekdays the stations are open: 1 = Monday ... 7 = Sunday. */
    workdays: z.array(z.number().int().min(1).max(7)).min(1),
    opens: clockTime,
    closes: clockTime,
    /** Public holidays (法定节假日): closed although a workday. */
    holidays: z.array(isoDate),
    /** Make-up working days (调休): open although a weekend day. */
    extraWorkdays: z.array(isoDate),
  })
  .refine((calendar) => minutesOfDay(calendar.opens) < minutesOfDay(calendar.closes), {
    message: 'a working day must close after it opens',
    path: ['closes'],
  });
export type WorkingCalendar = z.infer<typeof workingCalendarSchema>;

/** Mon–Fri 08:30–17:30 China time: the hours the Guangrui center keeps unless its manager sets others. */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = {
  utcOffsetMinutes: 8 * 60,
  workdays: [1, 2, 3, 4, 5],
  opens: '08:30',
  closes: '17:30',
  holidays: [],
  extraWorkdays: [],
};

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** No target is ever set further than this: a walk beyond it means the calendar never opens. */
const MAX_DAYS_WALKED = 10 * 366;

interface CompiledCalendar {
  offsetMs: number;
  workdays: ReadonlySet<number>;
  opensMs: number;
  closesMs: number;
  holidays: ReadonlySet<string>;
  extraWorkdays: ReadonlySet<string>;
}

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

function compile(calendar: WorkingCalendar): CompiledCalendar {
  let result = compiled.get(calendar);
  if (!result) {
    result = {
      offsetMs: calendar.utcOffsetMinutes * MINUTE_MS,
      workdays: new Set(calendar.workdays),
      opensMs: minutesOfDay(calendar.opens) * MINUTE_MS,
      closesMs: minutesOfDay(calendar.closes) * MINUTE_MS,
      holidays: new Set(calendar.holidays),
      extraWorkdays: new Set(calendar.extraWorkdays),
    };
    compiled.set(calendar, result);
  }
  return result;
}

function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The local calendar day number (days since 1970-01-01 in the calendar's time zone) of an instant. */
function localDay(c: CompiledCalendar, instantMs: number): number {
  return Math.floor((instantMs + c.offsetMs) / DAY_MS);
}

function isOpenOn(c: CompiledCalendar, day: number): boolean {
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (c.extraWorkdays.has(date)) return true;
  if (c.holidays.has(date)) return false;
  const weekday = ((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 1;
  return c.workdays.has(weekday);
}

/** The UTC instants a local day's opening hours start and end (an empty window on a closed day). */
function window(c: CompiledCalendar, day: number): [number, number] {
  if (!isOpenOn(c, day)) return [0, 0];
  const midnight = day * DAY_MS - c.offsetMs;
  return [midnight + c.opensMs, midnight + c.closesMs];
}

/** Milliseconds of opening hours between two instants (0 when `toMs` is not after `fromMs`). */
export function businessMsBetween(calendar: WorkingCalendar, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  const c = compile(calendar);
  let total = 0;
  for (let day = localDay(c, fromMs); day <= localDay(c, toMs); day += 1) {
    const [start, end] = window(c, day);
    total += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
  }
  return total;
}

/**
 * The instant at which `ms` of opening hours have passed since `fromMs`. A span that ends exactly at a closing
 * time ends there, not at the next opening: a target met at 17:30 is met that day.
 */
export function addBusinessMs(calendar: WorkingCalendar, fromMs: number, ms: number): number {
  if (ms <= 0) return fromMs;
  const c = compile(calendar);
  let remaining = ms;
  const first = localDay(c, fromMs);
  for (let day = first; day <= first + MAX_DAYS_WALKED; day += 1) {
    const [start, end] = window(c, day);
    const from = Math.max(start, fromMs);
    const available = Math.max(0, end - from);
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  throw new RangeError(`The working calendar has no ${ms / MINUTE_MS} business minutes in ${MAX_DAYS_WALKED} days`);
}

/** The local calendar date ('YYYY-MM-DD') of an instant in the calendar's time zone. */
export function localDate(calendar: Pick<WorkingCalendar, 'utcOffsetMinutes'>, instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 instant: ${JSON.stringify(instant)}`);
  return new Date(ms + calendar.utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}

/** The instant a local date begins (local midnight) in the calendar's time zone, as ISO-8601 UTC. */
export function startOfLocalDate(calendar: Pick<WorkingCalendar, 'utcOffsetMinutes'>, date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - calendar.utcOffsetMinutes * MINUTE_MS).toISOString();
}

/** Adds (or subtracts) whole calendar days to a 'YYYY-MM-DD' date. */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
