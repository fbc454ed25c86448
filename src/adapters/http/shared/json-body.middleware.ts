import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { HttpInputError } from './http-input-error';

export const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/*+json'];

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Accepts JSON only: a body of another type is 415, one over 1 MiB is 413,
 * invalid JSON is a clear input error. Non-object JSON is parsed (not
 * rejected here) so the surfaces can name the problem in their own shape.
 */
export function jsonBody(): Middleware[] {
  const contentType: Middleware = async (ctx, next) => {
    if (['POST', 'PUT', 'PATCH'].includes(ctx.method) && hasBody(ctx.headers) && !ctx.is(JSON_TYPES)) {
      throw new HttpInputError('UnsupportedMediaType', 'Content-Type must be application/json');
    }
    await next();
  };
  const parser = bodyParser({
    enableTypes: ['json'],
    extendTypes: { json: JSON_TYPES },
    jsonStrict: false,
    jsonLimit: MAX_BODY_BYTES,
    encoding: 'utf-8',
    onError: (error: Error & { status?: number; type?: string }) => {
      if (error.status === 413) throw new HttpInputError('PayloadTooLarge', 'The body must not exceed 1 MiB');
      if (error.status === 415) throw new HttpInputError('UnsupportedMediaType', 'Unsupported body encoding');
      throw new HttpInputError('MalformedJson', 'The body is not valid JSON');
    },
  });
  return [contentType, parser as unknown as Middleware];
}
