import {
  IsISO8601,
  IsString,
  Length,
  Matches,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

/** Request shapes reused by several case-management use cases. */

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Ids of residents, parties, users and the like: what fits in a stream id and a URL unescaped. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const STATION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TEXT = 4000;

/** Free text a caseworker writes: not blank, bounded. It is encrypted before it goes anywhere. */
export function IsFreeText(max = MAX_TEXT): PropertyDecorator {
  const checks = [IsString(), Length(1, max), Matches(/\S/, { message: '$property must not be blank' })];
  return (target, key) => checks.forEach((check) => check(target, key));
}

/** A calendar date as `YYYY-MM-DD` (with `{ each: true }`, every element of an array). */
export function IsCalendarDate(options: ValidationOptions = {}): PropertyDecorator {
  const checks = [
    Matches(DATE_ONLY, { message: '$property must be a date as YYYY-MM-DD', ...options }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date', ...options }),
  ];
  return (target, key) => checks.forEach((check) => check(target, key));
}

export function IsId(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(ID, { message: '$property must be an id (letters, digits, - and _)', ...options });
}

/** Exactly one of `properties` is present: put it on each of them. */
export function ExactlyOneOf(properties: readonly string[], options: ValidationOptions = {}): PropertyDecorator {
  return (target, key) =>
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: String(key),
      constraints: [properties],
      options: { message: `give exactly one of ${properties.join(', ')}`, ...options },
      validator: {
        validate: (_value: unknown, args: ValidationArguments) =>
          properties.filter((p) => (args.object as Record<string, unknown>)[p] !== undefined).length === 1,
      },
    });
}
