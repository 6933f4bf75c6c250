import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '../problem/problem-details';

// Bounds the response to a body crafted with thousands of bad fields.
const MAX_FIELD_ERRORS = 100;
// Far deeper than any request of ours; Nest's own pipe walks a body recursively and would overflow the stack.
const MAX_BODY_DEPTH = 32;

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

/**
 * Nest's pipe reads a `null` body as `{}`, `@IsOptional()` lets a field sent as `null` through as if left out, and
 * `@Type(() => Number)` reads a blank query value as 0, so each would pass a DTO and reach a handler that never
 * expects it; a huge integer such as `page=1e308` passes `@IsInt()` only to overflow whatever is computed from it.
 * No request field of ours is nullable: these are the client's mistakes, answered as such before the DTO is built.
 */
class KinshipValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.data === undefined && this.toValidate(metadata)) {
      const errors = metadata.type === 'body' ? bodyShapeErrors(value) : numericTextErrors(value, metadata.metatype);
      if (errors.length > 0) throw new RequestValidationError(errors);
    }
    return super.transform(value, metadata);
  }
}

function bodyShapeErrors(body: unknown): FieldError[] {
  // An absent body is how a command without parameters is sent; `null`, an array or a scalar is a wrong body.
  if (body === undefined) return [];
  if (!isRecord(body)) return [{ field: '(body)', message: 'the body must be a JSON object' }];
  const errors: FieldError[] = [];
  // Iterative on purpose: a body nested a hundred thousand deep must be refused, not overflow the stack.
  const pending: Array<{ value: object; path: string; depth: number }> = [{ value: body, path: '', depth: 1 }];
  while (pending.length > 0 && errors.length < MAX_FIELD_ERRORS) {
    const { value, path, depth } = pending.pop() as { value: object; path: string; depth: number };
    if (depth > MAX_BODY_DEPTH) return [{ field: path, message: `the body is nested deeper than ${MAX_BODY_DEPTH} levels` }];
    for (const [key, child] of Object.entries(value)) {
      const field = path === '' ? key : `${path}.${key}`;
      if (child === null) errors.push({ field, message: `${field} must not be null: leave it out instead` });
      else if (typeof child === 'object') pending.push({ value: child as object, path: field, depth: depth + 1 });
    }
  }
  return errors;
}

function numericTextErrors(values: unknown, metatype: ArgumentMetadata['metatype']): FieldError[] {
  if (!isRecord(values) || typeof metatype !== 'function') return [];
  return Object.entries(values).flatMap(([field, text]) => {
    if (typeof text !== 'string' || Reflect.getMetadata('design:type', metatype.prototype as object, field) !== Number) return [];
    if (text.trim() === '') return [{ field, message: `${field} must be a number, not blank` }];
    const number = Number(text);
    if (Number.isFinite(number) && Math.abs(number) <= Number.MAX_SAFE_INTEGER) return [];
    return [{ field, message: `${field} is out of range` }];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ValidationPipe every Kinship edge uses: strips nothing silently, rejects unknown fields, transforms to DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new KinshipValidationPipe({
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
