import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { RequestValidationError } from '../validation/validation.pipe';
import { MalformedRequestBodyError } from './malformed-body.error';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';
import { pathOf } from '../request-path';

type Problem = Omit<ProblemDetails, 'instance' | 'correlationId'>;

/** Maps every error that reaches the edge to an RFC 9457 `application/problem+json` response. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      request.log.error({ err: exception }, 'request failed');
    } else {
      request.log.debug({ status: problem.status, type: problem.type }, 'request rejected');
    }
    if (reply.sent) return;
    const body: ProblemDetails = { ...problem, instance: pathOf(request.url), correlationId: String(request.id) };
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

/** The problem document (without request-specific members) for any thrown value. */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof RequestValidationError) {
    const fields = [...new Set(exception.errors.map((error) => error.field))];
    const more = exception.omitted > 0 ? ` (and ${exception.omitted} more problems)` : '';
    return {
      type: problemType('validation-failed'),
      title: 'The request is not valid',
      status: 400,
      detail: `Invalid fields: ${fields.join(', ')}${more}`,
      code: 'validation-failed',
      errors: exception.errors,
    };
  }
  if (exception instanceof MalformedRequestBodyError) {
    return {
      type: problemType('malformed-request-body'),
      title: 'The request body is malformed',
      status: 400,
      detail: exception.message,
      code: 'malformed-request-body',
    };
  }
  if (isNamed(exception, 'DomainError')) {
    const code = stringField(exception, 'code') ?? 'domain-error';
    const status = numberField(exception, 'status');
    const details = (exception as { details?: unknown }).details;
    return {
      type: problemType(code),
      title: titleOf(code),
      status: status !== undefined && status >= 400 && status < 500 ? status : 422,
      detail: exception.message,
      code,
      ...(isRecord(details) ? { details } : {}),
    };
  }
  if (isNamed(exception, 'WrongExpectedVersionError')) {
    return {
      type: problemType('concurrency-conflict'),
      title: 'Concurrent modification',
      status: 409,
      detail: 'The resource was changed by another request meanwhile; reload it and try again.',
      code: 'concurrency-conflict',
    };
  }
  if (exception instanceof HttpException && exception.getStatus() !== 500) {
    return generic(exception.getStatus(), messageOf(exception.getResponse()) ?? exception.message);
  }
  // Errors from Fastify's own request handling (body too large, unsupported media type) are the client's.
  if (isNamed(exception, 'FastifyError')) {
    const status = numberField(exception, 'statusCode');
    if (status !== undefined && status >= 400 && status < 500) return generic(status, exception.message);
  }
  // Anything else is our fault, and its message may name internals: the client learns only that it failed.
  return generic(500, 'The server could not complete the request. It has been logged with the correlation id.');
}

function generic(status: number, detail: string): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return undefined;
}

function isNamed(value: unknown, name: string): value is Error {
  return value instanceof Error && value.name === name;
}

function stringField(value: object, key: string): string | undefined {
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

function numberField(value: object, key: string): number | undefined {
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'number' && Number.isInteger(field) ? field : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function titleOf(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
