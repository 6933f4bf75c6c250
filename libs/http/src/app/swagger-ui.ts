import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// swagger-ui-dist is @nestjs/swagger's dependency, not ours: resolve it from there.
const swaggerUiDir: string = createRequire(require.resolve('@nestjs/swagger'))('swagger-ui-dist').getAbsoluteFSPath();

// A fixed list, never a path taken from the URL: nothing else of the file system can be asked for.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

/** Serves Swagger UI at `docsPath`, reading the OpenAPI document from `${docsPath}/json`. */
export function registerSwaggerUi(fastify: FastifyInstance, docsPath: string, title: string): void {
  const page = indexHtml(docsPath, title);
  const initializer = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(`${docsPath}/json`)}, dom_id: '#swagger-ui', persistAuthorization: true });\n`;
  const sendPage = (_request: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').send(page);
  fastify.get(docsPath, sendPage);
  fastify.get(`${docsPath}/`, sendPage);
  fastify.get(`${docsPath}/swagger-initializer.js`, (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(initializer),
  );
  for (const [file, contentType] of Object.entries(ASSETS)) {
    fastify.get(`${docsPath}/${file}`, (_request, reply) =>
      reply
        .type(contentType)
        .header('cache-control', 'public, max-age=86400')
        .send(createReadStream(join(swaggerUiDir, file))),
    );
  }
}

function indexHtml(docsPath: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="${docsPath}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${docsPath}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${docsPath}/swagger-ui-bundle.js"></script>
  <script src="${docsPath}/swagger-initializer.js"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
