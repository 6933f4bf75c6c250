import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the district dashboard page is served. The page is public; every figure on it comes from the token-protected feed. */
export const DASHBOARD_ROUTE = '/dashboard';

/**
 * The page's Content-Security-Policy: its own script modules, stylesheet and feed requests only. No inline script or
 * style, no other origin, no framing, no form posts: a pasted token can only ever travel to this server.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ASSETS_DIR = join(__dirname, 'assets');

/** The files of the page; a fixed list, never a path taken from the URL, so nothing else on disk can be asked for. */
export const DASHBOARD_ASSETS: ReadonlyArray<{ path: string; file: string; contentType: string }> = [
  { path: DASHBOARD_ROUTE, file: 'index.html', contentType: 'text/html; charset=utf-8' },
  { path: `${DASHBOARD_ROUTE}/`, file: 'index.html', contentType: 'text/html; charset=utf-8' },
  { path: `${DASHBOARD_ROUTE}/dashboard.js`, file: 'dashboard.js', contentType: 'text/javascript; charset=utf-8' },
  { path: `${DASHBOARD_ROUTE}/dashboard-data.js`, file: 'dashboard-data.js', contentType: 'text/javascript; charset=utf-8' },
  { path: `${DASHBOARD_ROUTE}/dashboard-charts.js`, file: 'dashboard-charts.js', contentType: 'text/javascript; charset=utf-8' },
  { path: `${DASHBOARD_ROUTE}/dashboard.css`, file: 'dashboard.css', contentType: 'text/css; charset=utf-8' },
];

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DASHBOARD_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // Revalidated on every load (cheap with the ETag), so a new version of the page is never mixed with an old module.
  'cache-control': 'no-cache',
};

/**
 * Serves the dashboard's files on the Fastify instance, outside Nest's router like /docs: no guard applies, and
 * none is needed, since the files hold no data.
 */
export function registerDashboard(fastify: FastifyInstance): void {
  for (const asset of DASHBOARD_ASSETS) {
    const body = readFileSync(join(ASSETS_DIR, asset.file));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    fastify.get(asset.path, (request: FastifyRequest, reply: FastifyReply) => {
      void reply.headers(SECURITY_HEADERS).header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(asset.contentType).send(body);
    });
  }
}

/** Mounts the district dashboard at `DASHBOARD_ROUTE` in the app that imports it. */
@Module({})
export class DashboardModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** The module as a service definition lists it, beside the services' own `forRoot()` modules. */
  static forRoot(): DynamicModule {
    return { module: DashboardModule };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // A Nest application context without HTTP (e.g. the CLI) has nothing to serve the page on.
    if (fastify) registerDashboard(fastify);
  }
}
