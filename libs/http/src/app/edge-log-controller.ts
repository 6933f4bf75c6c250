import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pathOf } from '../request-path';

const QUIET_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * One log line per request, written when it completes. Fastify's defaults log the full URL twice;
 * a query string can hold a searched name or ID number, so only the path and route pattern are kept.
 */
export class EdgeLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'correlationId' });
  }

  override incomingRequest(): void {
    // Folded into requestCompleted: a second line per request doubles log volume for no new fact.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const path = pathOf(request.url);
    const fields = {
      method: request.method,
      route: request.routeOptions.url,
      path,
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) {
      reply.log.error({ ...fields, err: error }, 'request errored');
    } else if (QUIET_PATHS.has(path)) {
      // Probes and scrapes arrive every few seconds; at info level they would drown the real traffic.
      reply.log.debug(fields, 'request completed');
    } else {
      reply.log.info(fields, 'request completed');
    }
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method, path: pathOf(request.url) }, 'route not found');
  }
}
