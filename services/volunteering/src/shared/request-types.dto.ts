import { IsISO8601, Matches } from 'class-validator';

/** Request shapes reused by several volunteering use cases. */

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Ids of residents, households, volunteers and pairings: lower-case slugs or UUIDs, safe inside stream ids. */
export const IDENTIFIER = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Skills and languages are short tags: `first-aid`, `zh-wuu`. */
export const TAG = /^[a-z][a-z0-9-]{0,39}$/;
export const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** A calendar date as `YYYY-MM-DD`. */
export function IsDateOnly(): PropertyDecorator {
  const checks = [
    Matches(DATE_ONLY, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  ];
  return (target, key) => checks.forEach((check) => check(target, key));
}

/** A time of day at the station as `HH:MM`. */
export function IsTimeOfDay(): PropertyDecorator {
  return Matches(TIME_OF_DAY, { message: '$property must be a time of day as HH:MM' });
}

/** An instant with its offset, e.g. `2026-06-20T08:55:00+08:00`. */
export function IsInstant(): PropertyDecorator {
  const checks = [
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, { message: '$property must be an instant with its offset' }),
    IsISO8601({ strict: true }, { message: '$property must be a real instant' }),
  ];
  return (target, key) => checks.forEach((check) => check(target, key));
}

export function IsIdentifier(): PropertyDecorator {
  return Matches(IDENTIFIER, { message: '$property must be an id (lower-case letters, digits and dashes)' });
}
