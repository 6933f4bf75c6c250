import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  CORRELATION_ID_HEADER,
  correlationIdFrom,
  health as processHealth,
  type HealthRegistry,
  httpRequestDuration,
  markCorrelationBound,
  metrics as processMetrics,
  type Metrics,
  PinoNestLogger,
  runWithCorrelationId,
} from '@kinship/observability';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { MalformedRequestBodyError } from '../problem/malformed-body.error';
import { sendFrameworkErrorProblem } from '../problem/framework-errors';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { documentProblemResponses } from '../problem/problem-responses';
import { createValidationPipe } from '../validation/validation.pipe';
import { EdgeLogController } from './edge-log-controller';
import { registerSwaggerUi } from './swagger-ui';
import { memoizeValidationMetadata } from './validation-metadata-cache';

/** Paths served outside Nest's router: no guard, interceptor or global prefix applies to them. */
export const PUBLIC_EDGE_PATHS = ['/health', '/health/live', '/health/ready', '/metrics', '/docs', '/docs/json'] as const;

const ONE_MIB = 1024 * 1024;

export interface HttpAppOptions {
  /** The process logger (see `createLogger`); Fastify and Nest both write through it. */
  logger: Logger;
  /** OpenAPI title, version and description. */
  title: string;
  version: string;
  description?: string;
  /** Prefix of every Nest route, e.g. `api`; the edge routes (/health, /metrics, /docs) stay at the root. */
  globalPrefix?: string;
  /** Defaults to the process registry. */
  metrics?: Metrics;
  /** Defaults to the process registry. */
  health?: HealthRegistry;
  /** CORS is off unless options are given. */
  cors?: Parameters<NestFastifyApplication['enableCors']>[0];
  /** Maximum request body size in bytes; 1 MiB by default. */
  bodyLimit?: number;
  /** Close the app on SIGTERM/SIGINT so Nest's shutdown hooks run (default true). */
  shutdownHooks?: boolean;
}

/**
 * Builds and initialises the Nest app every Kinship service is served by: JSON logs with correlation ids,
 * problem+json errors, strict DTO validation, request metrics, and the public /health, /metrics and /docs.
 */
export async function createHttpApp(rootModule: Type<unknown>, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const metrics = options.metrics ?? processMetrics;
  const health = options.health ?? processHealth;
  const bodyLimit = options.bodyLimit ?? ONE_MIB;

  const fastifyOptions: FastifyServerOptions = {
    loggerInstance: options.logger,
    logController: new EdgeLogController(),
    genReqId: (request) => correlationIdFrom(request.headers[CORRELATION_ID_HEADER]),
    childLoggerFactory: (logger, bindings, childOptions) => markCorrelationBound(logger.child(bindings, childOptions) as Logger),
    bodyLimit,
    // The router's own errors (a malformed URL, an over-long parameter) answer problem+json like every other error.
    frameworkErrors: sendFrameworkErrorProblem,
  };
  const adapter = new FastifyAdapter(fastifyOptions);
  const fastify = adapter.getInstance();
  parseJsonBodies(fastify);
  observeRequests(fastify, metrics);

  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new PinoNestLogger(options.logger),
    // Without this Nest calls process.exit on a failed bootstrap; the launcher and tests must see the error.
    abortOnError: false,
    // JSON only, parsed by parseJsonBodies; other media types are answered 415.
    bodyParser: false,
  });
  let document: OpenAPIObject | undefined;
  registerEdgeRoutes(fastify, metrics, health, options.title, () => (document ??= buildOpenApiDocument(app, options)));
  if (options.globalPrefix) app.setGlobalPrefix(options.globalPrefix);
  app.useGlobalFilters(new ProblemDetailsFilter());
  memoizeValidationMetadata();
  app.useGlobalPipes(createValidationPipe());
  if (options.cors) app.enableCors(options.cors);
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Listens on `port` (all interfaces unless `host` is given, as containers need) and returns the URL. */
export async function listenHttp(app: NestFastifyApplication, port: number, host = '0.0.0.0'): Promise<string> {
  await app.listen(port, host);
  return app.getUrl();
}

function parseJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) =>
    parseJson(request, body, (error, value) =>
      // Fastify's parse error is a bare SyntaxError, which Nest would answer 500: give it a name the filter knows.
      error ? done(new MalformedRequestBodyError(error.message), undefined) : done(null, value),
    ),
  );
}

function observeRequests(fastify: FastifyInstance, metrics: Metrics): void {
  const duration = httpRequestDuration(metrics);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_ID_HEADER, request.id);
    // Fastify resumes after body parsing in the async scope of this hook, so the handler still sees the id.
    runWithCorrelationId(request.id, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    // Unmatched URLs share one label: one series per scanned path would exhaust Prometheus.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}

function registerEdgeRoutes(
  fastify: FastifyInstance,
  metrics: Metrics,
  health: HealthRegistry,
  title: string,
  openApiDocument: () => OpenAPIObject,
): void {
  fastify.get('/health', async (request, reply) => {
    const report = await health.report(undefined, request.log);
    return reply.code(report.ready ? 200 : 503).send(report);
  });
  fastify.get('/health/ready', async (request, reply) => {
    const report = await health.report(undefined, request.log);
    return reply.code(report.ready ? 200 : 503).send(report);
  });
  fastify.get('/health/live', async (request, reply) => {
    const report = await health.report('liveness', request.log);
    return reply.code(report.live ? 200 : 503).send(report);
  });
  fastify.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()));
  fastify.get('/docs/json', (_request, reply) => reply.type('application/json; charset=utf-8').send(openApiDocument()));
  registerSwaggerUi(fastify, '/docs', title);
}

function buildOpenApiDocument(app: NestFastifyApplication, options: HttpAppOptions): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setVersion(options.version)
    .addBearerAuth()
    // Every documented route needs a token; the public edge routes are not part of the document.
    .addSecurityRequirements('bearer');
  if (options.description) builder.setDescription(options.description);
  return documentProblemResponses(SwaggerModule.createDocument(app, builder.build()));
}
