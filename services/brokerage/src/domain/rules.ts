import { CommandMetadata, DomainError } from '@kinship/eventsourcing';
import { IsoDate, isIsoDate, stationDate } from './calendar';

/** A command of a brokerage decider: `{ type, data, metadata }`. */
export type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** The station's calendar date when the command arrived. */
export function todayOf(metadata: CommandMetadata): IsoDate {
  return stationDate(metadata.now);
}

export function requireDate(value: string, field: string): IsoDate {
  if (!isIsoDate(value)) throw new DomainError('invalid-date', `${field} must be a calendar date as YYYY-MM-DD`, 422, { field, value });
  return value;
}

/** The date of something that has already happened: given, or today; never in the future. */
export function pastDate(value: string | undefined, field: string, today: IsoDate): IsoDate {
  const date = requireDate(value ?? today, field);
  if (date > today) throw new DomainError('date-in-future', `${field} cannot be in the future`, 422, { field, date, today });
  return date;
}

/** A date that must not come before another one the record already holds. */
export function notBefore(date: IsoDate, earliest: IsoDate, field: string, what: string): IsoDate {
  if (date < earliest) {
    throw new DomainError('date-too-early', `${field} cannot be before ${what}`, 422, { field, date, earliest });
  }
  return date;
}

export function requireText(value: string | undefined, field: string, code = `${field}-required`): string {
  const text = (value ?? '').trim();
  if (text === '') throw new DomainError(code, `${field} must be given`, 422, { field });
  return text;
}

/** Money is whole fen: a safe integer, strictly positive unless `allowZero`. */
export function requireFen(value: number, field: string, options: { allowZero?: boolean } = {}): number {
  const valid = Number.isSafeInteger(value) && (options.allowZero ? value >= 0 : value > 0);
  if (!valid) {
    throw new DomainError('invalid-amount', `${field} must be a whole number of fen${options.allowZero ? '' : ' above zero'}`, 422, {
      field,
      value,
    });
  }
  return value;
}

/** Drops keys whose value is undefined, so events hold only what was said. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
