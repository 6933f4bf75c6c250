import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** A calendar year in a query string, as a number. */
export function IsYear(): PropertyDecorator {
  const checks = [Type(() => Number), IsInt(), Min(2000), Max(2100)];
  return (target, key) => checks.forEach((check) => check(target, key));
}
