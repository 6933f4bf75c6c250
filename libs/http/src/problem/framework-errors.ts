import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';

// Fastify's router rejects these before any Nest filter runs; its default answer is plain JSON echoing the URL.
const DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The request path is not valid percent-encoded text.',
  FST_ERR_MAX_PARAM_LENGTH: 'A segment of the request path is longer than any id this API issues.',
};

/**
 * Answers the errors Fastify's router raises before routing (`frameworkErrors` in the Fastify options) as RFC 9457
 * problem+json, like every other error: same media type, correlation id, and no echo of the offending URL.
 */
export function sendFrameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  request.log.debug({ status, code: error.code }, 'request rejected by the router');
  const body: ProblemDetails = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Bad Request',
    status,
    detail: DETAILS[error.code] ?? 'The request could not be routed.',
    instance: pathOnly(request.url),
    correlationId: String(request.id),
  };
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

// The path itself is what could not be read, so the instance is cut to its readable, bounded beginning.
function pathOnly(url: string): string {
  const path = url.split('?')[0] ?? '';
  const readable = path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
  return readable.length > 200 ? `${readable.slice(0, 200)}…` : readable;
}
