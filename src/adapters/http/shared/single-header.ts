import type { Context } from 'koa';
import type { IncomingMessage } from 'node:http';

/** How many header lines of `req` are named `name` (lower case), counting no further than `atMost`. */
export function headerLines(req: IncomingMessage, name: string, atMost = Number.POSITIVE_INFINITY): number {
  const raw = req.rawHeaders;
  let seen = 0;
  for (let i = 0; i < raw.length && seen < atMost; i += 2) {
    if (raw[i]!.length === name.length && raw[i]!.toLowerCase() === name) seen++;
  }
  return seen;
}

/**
 * A header that must appear once (RFC 9110 §5.3: Authorization is a
 * singleton field), or '' when it appears more than once. Node keeps only
 * the first of duplicated Authorization lines, while a proxy in front may
 * act on the last; two credentials in one request are treated as none
 * rather than guessed between.
 */
export function singleHeader(ctx: Context, name: string): string {
  return headerLines(ctx.req, name, 2) > 1 ? '' : ctx.get(name);
}
