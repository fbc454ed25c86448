import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Router from '@koa/router';
import type { OpenApiDocument } from './openapi-types';

/** Swagger UI's files the page needs, served from node_modules: no CDN. */
const SWAGGER_UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Our start-up script, a file rather than inline so the page works under a strict CSP. */
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null, // no badge from validator.swagger.io: nothing leaves the service
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>integration-hub API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js" charset="UTF-8"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
  <script src="/docs/assets/docs-init.js" charset="UTF-8"></script>
</body>
</html>
`;

/**
 * GET /openapi.json (the document, built by `document` on its first request
 * and kept), GET /docs (Swagger UI over it) and GET / (a redirect to /docs).
 * No authentication: the document holds no secrets.
 */
export function openApiRouter(document: () => OpenApiDocument): Router {
  const router = new Router();
  let body: string | undefined;
  // The package's directory, found without loading its index: that would load the 1.4 MB browser bundle (≈ 0.5 s of every start).
  const uiDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, Buffer>();
  const asset = (file: string): Buffer => {
    let content = cache.get(file);
    if (content === undefined) {
      content = readFileSync(join(uiDir, file));
      cache.set(file, content);
    }
    return content;
  };

  // Someone opening the service's address in a browser lands on its documentation.
  router.get('/', (ctx) => {
    ctx.redirect('/docs');
  });
  router.get('/openapi.json', (ctx) => {
    body ??= JSON.stringify(document());
    ctx.type = 'application/json';
    ctx.body = body;
  });
  router.get('/docs', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = PAGE;
  });
  router.get('/docs/assets/:file', (ctx, next) => {
    const file = ctx.params.file!;
    if (file === 'docs-init.js') {
      ctx.type = 'text/javascript; charset=utf-8';
      ctx.body = INITIALIZER;
      return;
    }
    const type = SWAGGER_UI_FILES[file];
    // On to the app's not-found handler, which answers every unknown path alike; without next() the
    // route ends here and Koa answers its own text/plain "Not Found".
    if (type === undefined) return next();
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = asset(file);
  });
  return router;
}
