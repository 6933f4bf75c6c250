import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';

/** Request shapes and checks shared by the brokerage's use cases. */

/** A calendar date as `YYYY-MM-DD`. */
export function IsDateOnly(): PropertyDecorator {
  const checks = [
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  ];
  return (target, key) => checks.forEach((check) => check(target, key));
}

/** A month as `YYYY-MM`. */
export function IsMonth(): PropertyDecorator {
  return Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property must be a month as YYYY-MM' });
}

/** Money in whole fen (分): an integer, above zero unless `allowZero`. Never a decimal of yuan. */
export function IsFen(options: { allowZero?: boolean } = {}): PropertyDecorator {
  const checks = [
    IsInt({ message: '$property must be a whole number of fen' }),
    Min(options.allowZero ? 0 : 1),
    Max(Number.MAX_SAFE_INTEGER),
  ];
  return (target, key) => checks.forEach((check) => check(target, key));
}

export const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** What every successful command answers: the stream's new version and the log position for read-your-writes. */
export class CommandOutcomeResponse {
  @ApiProperty({ description: 'Version of the stream after the command' }) streamVersion!: number;
  @ApiProperty({ description: 'Log position: pass it as afterPosition to a read-model query to read your write' })
  position!: number;
}
