import type { Context } from 'koa';

/**
 * A header that must appear once (RFC 9110 §5.3: Authorization is a
 * singleton field), or '' when it appears more than once. Node keeps only
 * the first of duplicated Authorization lines, while a proxy in front may
 * act on the last; two credentials in one request are treated as none
 * rather than guessed between.
 */
export function singleHeader(ctx: Context, name: string): string {
  const raw = ctx.req.rawHeaders;
  let seen = 0;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === name.length && raw[i].toLowerCase() === name && ++seen > 1) return '';
  }
  return ctx.get(name);
}
