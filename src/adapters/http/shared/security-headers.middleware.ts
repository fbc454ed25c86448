import type { Middleware } from 'koa';

/**
 * The one `<style>` element Swagger UI's React tree inserts (swagger-ui-dist
 * 5.x), allowed by its digest rather than by 'unsafe-inline'. If an upgrade
 * changes it, `npm run test:browser` fails on the blocked style and prints
 * the new digest.
 */
const SWAGGER_UI_INLINE_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/**
 * The /docs page may load only what this service serves (Swagger UI's
 * files come from node_modules, its start-up script is a file, not inline)
 * and may not be framed. Swagger UI's stylesheet draws its icons as `data:`
 * SVG images, hence img-src.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${SWAGGER_UI_INLINE_STYLE}`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Answers are data, never a page to render or frame. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * What every API answer carries, also those written before a request exists
 * (client-error.ts: Node's parser refused the bytes); /docs replaces the CSP.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': API_CSP,
};

function isDocs(path: string): boolean {
  return path === '/docs' || path.startsWith('/docs/');
}

/**
 * Headers on every answer, errors included (set before anything can
 * throw): no MIME sniffing, no Referer, and — since answers carry client
 * secrets and credentials — nothing stored by any cache, except Swagger
 * UI's static files, whose route sets its own Cache-Control.
 */
export function securityHeaders(): Middleware {
  // Not async: nothing runs after next(), so the frame hands on next's promise (docs/performance.md).
  return (ctx, next) => {
    ctx.set(SECURITY_HEADERS);
    if (isDocs(ctx.path)) ctx.set('Content-Security-Policy', DOCS_CSP);
    return next();
  };
}
