import { Body, Controller, Get, HttpCode, Module, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { createLogger, HealthRegistry, Metrics } from '@kinship/observability';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, MinLength } from 'class-validator';
import { createHttpApp } from '../app/create-http-app';

class PublishRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(10) on?: string;
}

class ListQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) afterPosition?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() compound?: string;
}

const reached: unknown[] = [];

@Controller('listings')
class ListingsController {
  @Post('publication')
  @HttpCode(200)
  publish(@Body() request: PublishRequest): { published: true } {
    reached.push(request);
    return { published: true };
  }

  @Get()
  list(@Query() query: ListQuery): ListQuery {
    reached.push(query);
    return query;
  }
}

@Module({ controllers: [ListingsController] })
class TestModule {}

let app: NestFastifyApplication;

beforeAll(async () => {
  const logger = createLogger({ name: 'validation-test', level: 'silent' });
  app = await createHttpApp(TestModule, { logger, title: 'Test', version: '1', metrics: new Metrics(), health: new HealthRegistry(), shutdownHooks: false });
});

afterAll(async () => {
  await app.close();
});

beforeEach(() => {
  reached.length = 0;
});

const publish = (payload?: string) =>
  app.inject({ method: 'POST', url: '/listings/publication', ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'application/json' } }) });

describe('when a command whose fields are all optional is sent', () => {
  it('accepts it without a body', async () => {
    const response = await publish();
    expect(response.statusCode).toBe(200);
    expect(reached).toHaveLength(1);
  });

  it('accepts an empty object', async () => {
    expect((await publish('{}')).statusCode).toBe(200);
  });

  it.each(['null', '[]', '"2026-05-01"', '42', 'true'])('rejects the body %s without reaching the handler', async (payload) => {
    const response = await publish(payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'validation-failed',
      errors: [{ field: '(body)', message: 'the body must be a JSON object' }],
    });
    expect(reached).toEqual([]);
  });
});

describe('when a body names a field as null', () => {
  it('rejects it instead of reading it as left out', async () => {
    const response = await publish('{"on": null}');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'on', message: 'on must not be null: leave it out instead' }]);
    expect(reached).toEqual([]);
  });

  it('names a null however deep it is', async () => {
    const response = await publish('{"on": "2026-05-01T08:00:00Z", "photos": [{"url": null}]}');
    expect(response.json().errors).toEqual([{ field: 'photos.0.url', message: expect.stringContaining('must not be null') }]);
  });
});

describe('when a body is nested absurdly deep', () => {
  it('answers 400 instead of overflowing the stack', async () => {
    const depth = 100_000;
    const response = await publish(`{"on": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: expect.stringMatching(/^on(\.0)+$/), message: 'the body is nested deeper than 32 levels' }]);
    expect(reached).toEqual([]);
  });
});

describe('when a numeric query parameter is sent', () => {
  it('reads a well-formed number', async () => {
    const response = await app.inject({ method: 'GET', url: '/listings?page=2&afterPosition=0&compound=' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ page: 2, afterPosition: 0, compound: '' });
  });

  it.each(['afterPosition=', 'afterPosition=+', 'page=%20%20'])('rejects the blank value in %s instead of reading it as 0', async (query) => {
    const response = await app.inject({ method: 'GET', url: `/listings?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual([{ field: query.split('=')[0], message: expect.stringContaining('not blank') }]);
    expect(reached).toEqual([]);
  });

  it.each(['page=1.5e308', 'page=9007199254740993', 'afterPosition=Infinity'])('rejects %s as out of range', async (query) => {
    const response = await app.inject({ method: 'GET', url: `/listings?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: query.split('=')[0], message: expect.stringContaining('out of range') }]);
    expect(reached).toEqual([]);
  });

  it('still names the usual problem of a number that is not whole', async () => {
    const response = await app.inject({ method: 'GET', url: '/listings?page=1.5' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'page', message: 'page must be an integer number' }]);
  });
});
