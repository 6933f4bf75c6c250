import {
  Body,
  type CanActivate,
  Controller,
  Get,
  HttpCode,
  Logger,
  Module,
  Param,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiProperty } from '@nestjs/swagger';
import { DomainError, WrongExpectedVersionError } from '@kinship/eventsourcing';
import { createLogger, currentCorrelationId, HealthRegistry, Metrics } from '@kinship/observability';
import { Type } from 'class-transformer';
import { request as httpRequest } from 'node:http';
import { IsInt, IsNotEmpty, IsString, Max, Min, ValidateNested } from 'class-validator';
import { createHttpApp, listenHttp } from './create-http-app';

class AddressDto {
  @ApiProperty() @IsString() @IsNotEmpty() street!: string;
}

class RegisterResidentDto {
  @ApiProperty() @IsString() @IsNotEmpty() name!: string;
  @ApiProperty() @IsInt() @Min(1900) @Max(2100) birthYear!: number;
  @ApiProperty({ type: AddressDto }) @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
}

@Controller('residents')
class ResidentsController {
  private readonly logger = new Logger(ResidentsController.name);

  @Post()
  @HttpCode(201)
  register(@Body() request: RegisterResidentDto): { correlationId: string | undefined; birthYear: number } {
    this.logger.log({ resident: { name: request.name }, msg: 'resident registered' });
    return { correlationId: currentCorrelationId(), birthYear: request.birthYear };
  }

  @Get(':residentId')
  find(@Param('residentId') residentId: string): never {
    throw new DomainError('resident-not-found', `No resident ${residentId} at this station`, 404, { residentId });
  }

  @Post(':residentId/move-out')
  moveOut(@Param('residentId') residentId: string): never {
    throw new WrongExpectedVersionError(`resident-station1-${residentId}`, 3, 4);
  }
}

@Controller('faults')
class FaultsController {
  @Get()
  fail(): never {
    throw new Error('connect ECONNREFUSED postgres://kinship:s3cret@db:5432');
  }
}

@Module({ controllers: [ResidentsController, FaultsController] })
class TestModule {}

const validResident = { name: 'Wang Fang', birthYear: 1980, address: { street: '1 Harbour Road' } };

describe('the HTTP edge', () => {
  const logLines: Record<string, unknown>[] = [];
  const metrics = new Metrics();
  const health = new HealthRegistry();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const logger = createLogger({ name: 'http-test', level: 'debug', destination: { write: (line: string) => void logLines.push(JSON.parse(line)) } });
    health.register('event-store', async () => ({ up: true, detail: { position: 0 } }));
    app = await createHttpApp(TestModule, { logger, title: 'Test API', version: '1.0.0', metrics, health, shutdownHooks: false });
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers });

  describe('when the body is valid', () => {
    it('reaches the handler with the DTO transformed and the correlation id in scope', async () => {
      const response = await post('/residents', validResident, { 'x-correlation-id': 'caller-42' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ correlationId: 'caller-42', birthYear: 1980 });
      expect(response.headers['x-correlation-id']).toBe('caller-42');
    });

    it('logs every line of the request with its correlation id and without the personal fields', async () => {
      await post('/residents', validResident, { 'x-correlation-id': 'caller-43' });
      const lines = logLines.filter((line) => line['correlationId'] === 'caller-43');
      expect(lines).toEqual([
        expect.objectContaining({ context: 'ResidentsController', data: expect.objectContaining({ resident: { name: '[Redacted]' } }) }),
        expect.objectContaining({ msg: 'request completed', method: 'POST', route: '/residents', statusCode: 201 }),
      ]);
      expect(JSON.stringify(logLines)).not.toContain('Wang Fang');
      expect(JSON.stringify(logLines)).not.toContain('Harbour');
    });

    it('keeps the correlation id in scope when the body trickles in over a socket', async () => {
      const url = new URL(await listenHttp(app, 0, '127.0.0.1'));
      const body = await new Promise<string>((resolve, reject) => {
        const request = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: '/residents',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-correlation-id': 'slow-1' },
          },
          (response) => {
            let data = '';
            response.on('data', (chunk) => (data += chunk));
            response.on('end', () => resolve(data));
          },
        );
        request.on('error', reject);
        const json = JSON.stringify(validResident);
        request.write(json.slice(0, 10));
        setTimeout(() => request.end(json.slice(10)), 30);
      });
      expect(JSON.parse(body)).toEqual({ correlationId: 'slow-1', birthYear: 1980 });
    });

    it('makes up a correlation id when the caller sends none', async () => {
      const response = await post('/residents', validResident);
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.json().correlationId).toBe(response.headers['x-correlation-id']);
    });
  });

  describe('when the body is invalid', () => {
    it('answers 400 problem+json naming a missing field', async () => {
      const { name: _name, ...withoutName } = validResident;
      const response = await post('/residents', withoutName, { 'x-correlation-id': 'bad-1' });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        type: 'https://kinship.dev/problems/validation-failed',
        status: 400,
        instance: '/residents',
        correlationId: 'bad-1',
        code: 'validation-failed',
      });
      expect(response.json().errors).toContainEqual({ field: 'name', message: 'name should not be empty' });
    });

    it('names a malformed field, nested ones by their path', async () => {
      const response = await post('/residents', { ...validResident, birthYear: 'nineteen-eighty', address: { street: 7 } });
      expect(response.statusCode).toBe(400);
      const fields = response.json().errors.map((error: { field: string }) => error.field);
      expect(new Set(fields)).toEqual(new Set(['birthYear', 'address.street']));
    });

    it('rejects an unknown field rather than dropping it', async () => {
      const response = await post('/residents', { ...validResident, isAdmin: true, address: { street: 'x', floor: 2 } });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual(
        expect.arrayContaining([
          { field: 'isAdmin', message: 'property isAdmin should not exist' },
          { field: 'address.floor', message: 'property floor should not exist' },
        ]),
      );
    });

    it('answers 400 to a body that is not JSON', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/residents',
        headers: { 'content-type': 'application/json' },
        payload: '{"name": "Wang",',
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ type: 'https://kinship.dev/problems/malformed-request-body', status: 400 });
    });

    it('answers 400 naming every field to a body that is not an object', async () => {
      const response = await post('/residents', []);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('validation-failed');
    });

    it('answers 413 to a body over the limit', async () => {
      const response = await post('/residents', { ...validResident, name: 'x'.repeat(1024 * 1024) });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ type: 'about:blank', title: 'Payload Too Large', status: 413 });
    });

    it('answers 415 to a body that is not JSON by media type', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/residents',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=Wang',
      });
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('when the domain refuses', () => {
    it('answers with the domain error’s status, code and details', async () => {
      const response = await app.inject({ method: 'GET', url: '/residents/r-9?name=Wang' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({
        type: 'https://kinship.dev/problems/resident-not-found',
        title: 'Resident not found',
        status: 404,
        detail: 'No resident r-9 at this station',
        code: 'resident-not-found',
        details: { residentId: 'r-9' },
        instance: '/residents/r-9',
      });
    });

    it('answers 409 concurrency-conflict to a stale expected version', async () => {
      const response = await post('/residents/r-1/move-out', {});
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ type: 'https://kinship.dev/problems/concurrency-conflict', code: 'concurrency-conflict' });
    });
  });

  describe('when something unexpected fails', () => {
    it('answers 500 without the error’s message and logs it with the correlation id', async () => {
      const response = await app.inject({ method: 'GET', url: '/faults', headers: { 'x-correlation-id': 'boom-1' } });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('s3cret');
      expect(response.json()).toMatchObject({ type: 'about:blank', status: 500, correlationId: 'boom-1' });
      const logged = logLines.find((line) => line['correlationId'] === 'boom-1' && line['level'] === 'error');
      expect(logged).toMatchObject({ err: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }) });
    });
  });

  describe('when no route matches', () => {
    it('answers 404 problem+json', async () => {
      const response = await app.inject({ method: 'GET', url: '/nowhere' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/nowhere' });
      expect(response.headers['x-correlation-id']).toBeDefined();
    });
  });

  describe('the public edge routes', () => {
    it('reports health as JSON', async () => {
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'up', checks: { 'event-store': { up: true } } });
    });

    it('reports 503 while a readiness check is down, yet stays live', async () => {
      const unregister = health.register('broker', async () => ({ up: false }));
      try {
        expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
        expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
        expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      } finally {
        unregister();
      }
    });

    it('exposes the request histogram by route pattern to Prometheus', async () => {
      await app.inject({ method: 'GET', url: '/residents/r-7' });
      const response = await app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toContain('http_request_duration_seconds_count{method="GET",route="/residents/:residentId",status_code="404"}');
      expect(response.body).toContain('route="unmatched"');
    });

    it('serves the OpenAPI 3 document generated from the controllers', async () => {
      const response = await app.inject({ method: 'GET', url: '/docs/json' });
      expect(response.statusCode).toBe(200);
      const document = response.json();
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info).toMatchObject({ title: 'Test API', version: '1.0.0' });
      expect(document.paths['/residents'].post).toBeDefined();
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(document.components.schemas.RegisterResidentDto.required).toEqual(expect.arrayContaining(['name', 'birthYear', 'address']));
    });

    it('serves Swagger UI and its assets', async () => {
      const page = await app.inject({ method: 'GET', url: '/docs' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('/docs/swagger-ui-bundle.js');
      const initializer = await app.inject({ method: 'GET', url: '/docs/swagger-initializer.js' });
      expect(initializer.body).toContain('"/docs/json"');
      const bundle = await app.inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });
      expect(bundle.statusCode).toBe(200);
      expect(bundle.body.length).toBeGreaterThan(100_000);
    });

    it('serves nothing else from the file system', async () => {
      const response = await app.inject({ method: 'GET', url: '/docs/package.json' });
      expect(response.statusCode).toBe(404);
    });
  });
});

class RejectEveryone implements CanActivate {
  canActivate(): boolean {
    throw new UnauthorizedException('A bearer token is required');
  }
}

@Module({ controllers: [ResidentsController], providers: [{ provide: APP_GUARD, useClass: RejectEveryone }] })
class GuardedModule {}

describe('the HTTP edge behind a global guard and prefix', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const logger = createLogger({ name: 'http-test', level: 'silent' });
    app = await createHttpApp(GuardedModule, {
      logger,
      title: 'Guarded API',
      version: '2.0.0',
      globalPrefix: 'api',
      metrics: new Metrics(),
      health: new HealthRegistry(),
      shutdownHooks: false,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers the guard’s refusal as 401 problem+json under the prefix', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/residents', payload: validResident });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ type: 'about:blank', title: 'Unauthorized', detail: 'A bearer token is required' });
  });

  it('keeps health, metrics and the API description public and at the root', async () => {
    for (const url of ['/health', '/health/live', '/metrics', '/docs', '/docs/json']) {
      expect([url, (await app.inject({ method: 'GET', url })).statusCode]).toEqual([url, 200]);
    }
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(document.paths)).toContain('/api/residents');
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it('listens on a real port', async () => {
    const url = await listenHttp(app, 0, '127.0.0.1');
    const response = await fetch(`${url}/health`, { headers: { 'x-correlation-id': 'probe-1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe('probe-1');
  });
});
