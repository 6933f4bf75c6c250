import { validateResidentIdNumber } from '@kinship/privacy';
import { registerDecorator, ValidationArguments } from 'class-validator';

const REASONS: Record<string, string> = {
  'wrong-length': 'must have 18 characters',
  'invalid-characters': 'must be 17 digits and a check character (0-9 or X)',
  'unknown-region': 'starts with an unknown region code',
  'invalid-birth-date': 'holds a birth date that does not exist',
  'birth-date-in-future': 'holds a birth date in the future',
  'wrong-check-character': 'has a wrong check character (GB 11643)',
};

/** An 18-character resident ID number whose GB 11643 check character is right. */
export function IsResidentIdNumber(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isResidentIdNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && validateResidentIdNumber(value, new Date().toISOString().slice(0, 10)).valid,
        defaultMessage: ({ property, value }: ValidationArguments) => {
          if (typeof value !== 'string') return `${property} must be a string`;
          const check = validateResidentIdNumber(value, new Date().toISOString().slice(0, 10));
          return `${property} ${check.valid ? 'is invalid' : (REASONS[check.reason] ?? check.reason)}`;
        },
      },
    });
}
