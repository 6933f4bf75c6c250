import { Controller, Get, Module } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '../auth/principal';
import { seedGuangruiDistrict } from '../org/guangrui-seed';
import { SqliteOrgDirectory } from '../org/sqlite-org-directory';
import { sharedSecretFromConfig } from '../tokens/shared-secret';
import { SharedSecretTokenVerifier } from '../tokens/shared-secret-token-verifier';
import { TokenIssuer } from '../tokens/token-issuer';
import { CurrentPrincipal, Public, Roles } from './decorators';
import { RequestContext } from './request-context';
import { TenancyModule } from './tenancy.module';

@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health() {
    return { status: 'ok', context: RequestContext.current() ?? null };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Roles('station-staff', 'station-lead')
  @Get('residents')
  async residents(@CurrentPrincipal() principal: Principal) {
    // Awaiting first proves the context survives the hop to another tick.
    await new Promise((resolve) => setImmediate(resolve));
    return { station: principal.orgUnitId, context: RequestContext.current() };
  }
}

@Roles('operator')
@Controller('ops')
class OperatorController {
  @Get('dead-letters')
  deadLetters() {
    return [];
  }

  @Roles('operator', 'district-analyst')
  @Get('lag')
  lag() {
    return { lag: 0 };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kinship-guard-'));
const secret = sharedSecretFromConfig('guard-spec-secret-guard-spec-secret!');
const issuer = new TokenIssuer({ secret });
const directory = new SqliteOrgDirectory(join(dir, 'org.sqlite'));
let app: NestFastifyApplication;

const bearer = async (role: Principal['role'], org: string) => ({
  authorization: `Bearer ${await issuer.issueDevToken({ sub: `u-${role}`, role, org }, '10m')}`,
});

beforeAll(async () => {
  await seedGuangruiDistrict(directory);
  @Module({
    imports: [TenancyModule.forRoot({ directory, verifier: new SharedSecretTokenVerifier({ secret }) })],
    controllers: [ProbeController, OperatorController],
  })
  class ProbeModule {}

  const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
  app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});

afterAll(async () => {
  await app.close();
  await directory.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AuthGuard', () => {
  describe('when no token is sent', () => {
    it('answers 401 with a Bearer challenge', async () => {
      const response = await app.inject({ method: 'GET', url: '/me' });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="kinship"');
    });

    it('answers 401 to another authorization scheme', async () => {
      const response = await app.inject({ method: 'GET', url: '/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('when the token is bad', () => {
    it('answers 401 to a forged token', async () => {
      const forger = new TokenIssuer({ secret: sharedSecretFromConfig('not-the-secret-not-the-secret-not-it') });
      const token = await forger.issueDevToken({ sub: 'mallory', role: 'operator', org: 'liangxi' });
      const response = await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it('answers 401 to an expired token', async () => {
      const past = new TokenIssuer({ secret, clock: () => new Date('2020-01-01T00:00:00Z') });
      const token = await past.issueDevToken({ sub: 'u-1', role: 'station-staff', org: 'guangyi' }, '1h');
      const response = await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(401);
    });

    it('answers 403 when the org unit does not exist or does not fit the role', async () => {
      const unknown = await app.inject({ method: 'GET', url: '/me', headers: await bearer('station-staff', 'closed-station') });
      const misplaced = await app.inject({ method: 'GET', url: '/me', headers: await bearer('station-staff', 'guangrui') });
      expect(unknown.statusCode).toBe(403);
      expect(misplaced.statusCode).toBe(403);
    });
  });

  describe('when the role does not match the route', () => {
    it('answers 403', async () => {
      const response = await app.inject({ method: 'GET', url: '/residents', headers: await bearer('operator', 'liangxi') });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ statusCode: 403 });
    });

    it('applies a controller-wide role, which a handler may widen', async () => {
      const analyst = await bearer('district-analyst', 'liangxi');
      expect((await app.inject({ method: 'GET', url: '/ops/dead-letters', headers: analyst })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/ops/lag', headers: analyst })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/ops/dead-letters', headers: await bearer('operator', 'liangxi') })).statusCode).toBe(200);
    });
  });

  describe('when the token and role are right', () => {
    it('answers 200 and hands the principal to the handler', async () => {
      const response = await app.inject({ method: 'GET', url: '/me', headers: await bearer('center-manager', 'guangrui') });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ userId: 'u-center-manager', role: 'center-manager', orgUnitId: 'guangrui' });
    });

    it('runs the handler inside a request context with the principal and the caller correlation id', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/residents',
        headers: { ...(await bearer('station-lead', 'guangyi')), 'x-correlation-id': 'corr-123' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-correlation-id']).toBe('corr-123');
      expect(response.json()).toEqual({
        station: 'guangyi',
        context: { principal: { userId: 'u-station-lead', role: 'station-lead', orgUnitId: 'guangyi' }, correlationId: 'corr-123' },
      });
    });
  });

  describe('when the route is public', () => {
    it('answers without a token, with a fresh correlation id and no principal', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/health',
        headers: { 'x-correlation-id': 'not acceptable\r\nset-cookie: x' },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.status).toBe('ok');
      expect(body.context.principal).toBeNull();
      expect(body.context.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['x-correlation-id']).toBe(body.context.correlationId);
    });
  });
});

describe('RequestContext', () => {
  it('is empty outside a request and carried across awaits inside run', async () => {
    expect(RequestContext.current()).toBeUndefined();
    const seen = await RequestContext.run({ principal: null, correlationId: 'consumer-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return RequestContext.current()?.correlationId;
    });
    expect(seen).toBe('consumer-1');
  });
});
