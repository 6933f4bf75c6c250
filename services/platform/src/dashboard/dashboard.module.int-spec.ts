import { createHttpApp } from '@kinship/http';
import { createLogger, HealthRegistry, Metrics } from '@kinship/observability';
import { type CanActivate, Module, UnauthorizedException } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DASHBOARD_ASSETS, DASHBOARD_CONTENT_SECURITY_POLICY, DASHBOARD_ROUTE, DashboardModule } from './dashboard.module';

class RejectEveryone implements CanActivate {
  canActivate(): boolean {
    throw new UnauthorizedException('A bearer token is required');
  }
}

// The platform's global auth guard refuses every Nest route without a token; the page must load all the same.
@Module({ imports: [DashboardModule], providers: [{ provide: APP_GUARD, useClass: RejectEveryone }] })
class GuardedPlatform {}

describe('the district dashboard page', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(GuardedPlatform, {
      logger: createLogger({ name: 'dashboard-test', level: 'silent' }),
      title: 'Dashboard test',
      version: '0.0.0',
      metrics: new Metrics(),
      health: new HealthRegistry(),
      shutdownHooks: false,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('serves the page without a token, as HTML under a strict Content-Security-Policy', async () => {
    const response = await get(DASHBOARD_ROUTE);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(DASHBOARD_CONTENT_SECURITY_POLICY);
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toContain('<label for="token">');
  });

  it('serves each script, and the stylesheet, with its own content type', async () => {
    const types = await Promise.all(
      ['dashboard.js', 'dashboard-data.js', 'dashboard-charts.js', 'dashboard.css'].map(async (file) => {
        const response = await get(`${DASHBOARD_ROUTE}/${file}`);
        return [file, response.statusCode, response.headers['content-type']];
      }),
    );
    expect(types).toEqual([
      ['dashboard.js', 200, 'text/javascript; charset=utf-8'],
      ['dashboard-data.js', 200, 'text/javascript; charset=utf-8'],
      ['dashboard-charts.js', 200, 'text/javascript; charset=utf-8'],
      ['dashboard.css', 200, 'text/css; charset=utf-8'],
    ]);
  });

  it('loads nothing from another origin and runs no inline script or style', async () => {
    const page = (await get(DASHBOARD_ROUTE)).body;
    const references = [...page.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    const served = new Set(DASHBOARD_ASSETS.map((asset) => asset.path));
    for (const reference of references.filter((r) => !r.startsWith('#') && r !== 'data:,')) {
      expect([reference, served.has(reference)]).toEqual([reference, true]);
    }
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\sstyle=|<style|\son[a-z]+=/);

    for (const file of ['dashboard.js', 'dashboard-charts.js']) {
      const script = (await get(`${DASHBOARD_ROUTE}/${file}`)).body;
      const imports = [...script.matchAll(/from '\.\/([^']+)'/g)].map((match) => `${DASHBOARD_ROUTE}/${match[1]}`);
      expect(imports.length).toBeGreaterThan(0);
      for (const path of imports) expect([path, served.has(path)]).toEqual([path, true]);
      // The SVG namespace is a name, not a place the page fetches from.
      expect(script.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
      expect(script).not.toContain('innerHTML');
    }
  });

  it('answers a revalidation of an unchanged file with 304', async () => {
    const first = await get(`${DASHBOARD_ROUTE}/dashboard.js`);
    const etag = String(first.headers['etag']);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await get(`${DASHBOARD_ROUTE}/dashboard.js`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('serves nothing else from the file system', async () => {
    for (const url of [`${DASHBOARD_ROUTE}/dashboard-data.d.ts`, `${DASHBOARD_ROUTE}/../dashboard.module.ts`, `${DASHBOARD_ROUTE}/assets/index.html`]) {
      expect([url, (await get(url)).statusCode]).toEqual([url, 404]);
    }
  });
});
