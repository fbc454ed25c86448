import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import * as ContentType from 'content-type';
import type { Context, Middleware } from 'koa';
import { ValidationError } from '../../../domain/shared/domain-error';
import { BodyBudget } from './body-budget';
import { HttpInputError } from './http-input-error';
import { JSON_SHAPE_LIMITS, JsonShapeLimits, JsonShapeScanner, mayBreakTextRules, textViolations } from './json-shape';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body, set by jsonBody() behind authentication; `{}` when none was sent. */
    body?: unknown;
  }
}

/** What ctx.state carries from authentication to the body reader. */
export interface AuthenticatedState {
  /** Digest of the authenticated credential: the key of its body budget. */
  credentialKey?: string;
}

export const MAX_BODY_BYTES = 1024 * 1024;
/** application/json and any `+json` suffix (RFC 6839), application/merge-patch+json among them. */
const JSON_TYPE = /^application\/(?:json|[^/]+\+json)$/;

/**
 * The charset a JSON Content-Type names (lower case, '' if none), or null
 * if the header is no JSON media type. The header is parsed once (the
 * `content-type` package, Koa's own parser): `ctx.is` and
 * `ctx.request.charset` would each parse it again (docs/performance.md).
 */
export function jsonCharset(header: string): string | null {
  if (header === '') return null;
  let parsed: ContentType.ParsedMediaType;
  try {
    parsed = ContentType.parse(header);
  } catch {
    return null;
  }
  return JSON_TYPE.test(parsed.type) ? (parsed.parameters.charset ?? '').toLowerCase() : null;
}

/** DELETE too: its body is read and held to the same rule as any write that documents none (route-table: validateNoBody). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** From the first byte read to the last; a body within the limits takes milliseconds (1 MiB in 10 s is 100 KiB/s). */
export const BODY_TIMEOUT_MS = 10_000;
/** Shared by every app in the process, as the memory it guards is. */
const SHARED_BODY_BUDGET = new BodyBudget();

export interface BodyReadLimits {
  readonly shape: JsonShapeLimits;
  readonly budget: BodyBudget;
  /** The authenticated credential's budget key; absent: no budget applies. */
  readonly budgetKey?: string;
  readonly timeoutMs: number;
}

function hasBody(ctx: Context): boolean {
  const length = ctx.get('Content-Length');
  return ctx.get('Transfer-Encoding') !== '' || (length !== '' && length !== '0');
}

/**
 * Reads the request body chunk by chunk, measuring its JSON structure as it
 * comes (JsonShapeScanner): a body over 1 MiB or over a shape limit is
 * refused at the chunk that breaks it, without reading the rest; so is a
 * chunk that would take its credential past its bytes in flight (429), and
 * a body still incomplete after `timeoutMs` (408). The answer then closes
 * the connection, since the unread remainder cannot be skipped.
 */
function readBody(req: IncomingMessage, limits: BodyReadLimits): Promise<{ raw: Buffer; hasEscapes: boolean }> {
  return new Promise((done, fail) => {
    const scanner = new JsonShapeScanner(limits.shape);
    const chunks: Buffer[] = [];
    let size = 0;
    let reserved = 0;
    const timer = setTimeout(() => stop(new HttpInputError('RequestTimeout', `The body must arrive within ${limits.timeoutMs / 1000} s`)), limits.timeoutMs);
    const stop = (error?: Error, body?: Buffer) => {
      clearTimeout(timer);
      if (limits.budgetKey !== undefined) limits.budget.give(limits.budgetKey, reserved);
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onClose);
      if (error) {
        req.pause();
        fail(error);
      } else done({ raw: body!, hasEscapes: scanner.hasEscapes });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return stop(new HttpInputError('PayloadTooLarge', 'The body must not exceed 1 MiB'));
      if (limits.budgetKey !== undefined) {
        if (!limits.budget.take(limits.budgetKey, chunk.length)) {
          return stop(new HttpInputError('TooManyRequests', 'Too many bodies in flight for this credential; retry later', 1));
        }
        reserved += chunk.length;
      }
      const broken = scanner.feed(chunk);
      if (broken !== null) return stop(ValidationError.single('body', broken));
      chunks.push(chunk);
    };
    const onEnd = () => stop(undefined, Buffer.concat(chunks, size));
    const onAbort = () => stop(new HttpInputError('RequestAborted', 'The client closed the request before sending its body'));
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    // No 'aborted' listener (deprecated): an aborted request also emits 'error' and then 'close'.
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onClose);
  });
}

/**
 * Parses a JSON body, after authentication (the middleware sits behind it
 * on every route). Refuses, in this order: a body of another type or
 * encoding (415), one over 1 MiB (413, from Content-Length before reading),
 * one whose structure breaks a shape limit (400 naming the limit), one that
 * takes longer than `timeoutMs` to arrive (408) or that would take its
 * credential past its body bytes in flight (429, Retry-After 1), a body
 * that is not UTF-8, invalid JSON, and strings with control characters or lone surrogates, or
 * `__proto__`-like keys (400 naming the field). Non-object JSON is parsed, not refused here, so the
 * surfaces can name the problem in their own shape. No body gives `{}`.
 */
export function jsonBody(shape: JsonShapeLimits = JSON_SHAPE_LIMITS, budget: BodyBudget = SHARED_BODY_BUDGET, timeoutMs = BODY_TIMEOUT_MS): Middleware {
  return async (ctx, next) => {
    ctx.request.body = {};
    if (!BODY_METHODS.has(ctx.method) || !hasBody(ctx)) return next();
    try {
      const charset = jsonCharset(ctx.get('Content-Type'));
      if (charset === null) throw new HttpInputError('UnsupportedMediaType', 'Content-Type must be application/json');
      const encoding = ctx.get('Content-Encoding').toLowerCase();
      if (encoding !== '' && encoding !== 'identity') throw new HttpInputError('UnsupportedMediaType', 'Unsupported body encoding');
      if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8') throw new HttpInputError('UnsupportedMediaType', 'The body must be UTF-8');
      if (Number(ctx.get('Content-Length')) > MAX_BODY_BYTES) throw new HttpInputError('PayloadTooLarge', 'The body must not exceed 1 MiB');
      const budgetKey = (ctx.state as AuthenticatedState).credentialKey;
      const { raw, hasEscapes } = await readBody(ctx.req, { shape, budget, budgetKey, timeoutMs });
      // RFC 8259 §8.1: JSON between systems is UTF-8. Decoding would turn a broken sequence into U+FFFD
      // and store a character nobody sent; it is refused instead (simdutf: a 1 MiB body in well under 1 ms).
      if (!isUtf8(raw)) throw new HttpInputError('MalformedJson', 'The body is not valid UTF-8');
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
