import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import { AuthenticatedRequest } from './decorators';
import { RequestContext } from './request-context';

/** Carries the correlation id in from callers and back out to them. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** A caller-supplied correlation id is reused only if it cannot smuggle anything into logs or headers. */
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

interface HttpReply {
  header?: (name: string, value: string) => unknown;
  setHeader?: (name: string, value: string) => unknown;
}

/**
 * Runs each HTTP handler inside a `RequestContext` holding the guard's principal and the correlation
 * id (taken from `x-correlation-id` or made up), and echoes the id in the response.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const reply = http.getResponse<HttpReply>();
    const offered = request.headers[CORRELATION_ID_HEADER];
    const correlationId = typeof offered === 'string' && ACCEPTABLE_CORRELATION_ID.test(offered) ? offered : randomUUID();
    if (reply.header) reply.header(CORRELATION_ID_HEADER, correlationId);
    else reply.setHeader?.(CORRELATION_ID_HEADER, correlationId);
    // Nest binds the handler to the async context in which next.handle() is called, so calling it here suffices.
    return RequestContext.run({ principal: request.principal ?? null, correlationId }, () => next.handle());
  }
}
