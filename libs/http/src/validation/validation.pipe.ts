import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '../problem/problem-details';

// Bounds the response to a body crafted with thousands of bad fields.
const MAX_FIELD_ERRORS = 100;

/** A request whose body, query or params failed validation; answered 400 with one entry per problem. */
export class RequestValidationError extends BadRequestException {
  constructor(
    readonly errors: FieldError[],
    readonly omitted = 0,
  ) {
    super('Request validation failed');
    this.name = 'RequestValidationError';
  }
}

/** Flattens class-validator's error tree into `{ field, message }` pairs with dotted paths. */
export function fieldErrorsOf(errors: readonly ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath === '' ? error.property : `${parentPath}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: field === '' ? '(body)' : field, message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

/** The ValidationPipe every Kinship edge uses: strips nothing silently, rejects unknown fields, transforms to DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const all = fieldErrorsOf(errors);
      return new RequestValidationError(all.slice(0, MAX_FIELD_ERRORS), Math.max(0, all.length - MAX_FIELD_ERRORS));
    },
  });
}
