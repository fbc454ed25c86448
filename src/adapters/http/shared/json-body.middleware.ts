import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';
import { ValidationError } from '../../../domain/shared/domain-error';
import { HttpInputError } from './http-input-error';
import { JSON_SHAPE_LIMITS, JsonShapeLimits, JsonShapeScanner, mayBreakTextRules, textViolations } from './json-shape';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body, set by jsonBody() behind authentication; `{}` when none was sent. */
    body?: unknown;
  }
}

export const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/*+json'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(ctx: Context): boolean {
  const length = ctx.get('Content-Length');
  return ctx.get('Transfer-Encoding') !== '' || (length !== '' && length !== '0');
}

/**
 * Reads the request body chunk by chunk, measuring its JSON structure as it
 * comes (JsonShapeScanner): a body over 1 MiB or over a shape limit is
 * refused at the chunk that breaks it, without reading the rest. The answer
 * then closes the connection, since the unread remainder cannot be skipped.
 */
function readBody(req: IncomingMessage, limits: JsonShapeLimits): Promise<{ raw: Buffer; hasEscapes: boolean }> {
  return new Promise((done, fail) => {
    const scanner = new JsonShapeScanner(limits);
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error?: Error, body?: Buffer) => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('aborted', onAbort).off('close', onClose);
      if (error) {
        req.pause();
        fail(error);
      } else done({ raw: body!, hasEscapes: scanner.hasEscapes });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return stop(new HttpInputError('PayloadTooLarge', 'The body must not exceed 1 MiB'));
      const broken = scanner.feed(chunk);
      if (broken !== null) return stop(ValidationError.single('body', broken));
      chunks.push(chunk);
    };
    const onEnd = () => stop(undefined, Buffer.concat(chunks, size));
    const onAbort = () => stop(new HttpInputError('RequestAborted', 'The client closed the request before sending its body'));
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('aborted', onAbort).on('close', onClose);
  });
}

/**
 * Parses a JSON body, after authentication (the middleware sits behind it
 * on every route). Refuses, in this order: a body of another type or
 * encoding (415), one over 1 MiB (413, from Content-Length before reading),
 * one whose structure breaks a shape limit (400 naming the limit), invalid
 * JSON, and strings with control characters or lone surrogates, or
 * `__proto__`-like keys (400 naming the field). Non-object JSON is parsed, not refused here, so the
 * surfaces can name the problem in their own shape. No body gives `{}`.
 */
export function jsonBody(limits: JsonShapeLimits = JSON_SHAPE_LIMITS): Middleware {
  return async (ctx, next) => {
    ctx.request.body = {};
    if (!BODY_METHODS.has(ctx.method) || !hasBody(ctx)) return next();
    try {
      if (!ctx.is(JSON_TYPES)) throw new HttpInputError('UnsupportedMediaType', 'Content-Type must be application/json');
      const encoding = ctx.get('Content-Encoding').toLowerCase();
      if (encoding !== '' && encoding !== 'identity') throw new HttpInputError('UnsupportedMediaType', 'Unsupported body encoding');
      const charset = ctx.request.charset.toLowerCase();
      if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8') throw new HttpInputError('UnsupportedMediaType', 'The body must be UTF-8');
      if (Number(ctx.get('Content-Length')) > MAX_BODY_BYTES) throw new HttpInputError('PayloadTooLarge', 'The body must not exceed 1 MiB');
      const { raw, hasEscapes } = await readBody(ctx.req, limits);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpInputError('MalformedJson', 'The body is not valid JSON');
      }
      const violations = mayBreakTextRules(raw, hasEscapes) ? textViolations(parsed) : [];
      if (violations.length > 0) throw new ValidationError(violations);
      ctx.request.body = parsed;
    } catch (error) {
      if (!ctx.req.complete) ctx.set('Connection', 'close');
      throw error;
    }
    return next();
  };
}

/**
 * A request answered before its body was read in full (unauthenticated, or
 * refused by a limit) closes its connection with the answer: the rest of
 * the body is not worth a byte of reading, and a sender trickling bytes must
 * not keep the socket. A client still sending may see a reset instead of
 * the answer; bodies within the limits are read whole and answered cleanly.
 */
export const closeUnreadBodies: Middleware = async (ctx, next) => {
  try {
    await next();
  } finally {
    if (hasBody(ctx) && !ctx.req.complete && !ctx.headerSent) ctx.set('Connection', 'close');
  }
};
