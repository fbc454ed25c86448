import type { Context } from 'koa';
import { sendJson } from '../shared/json-answer';

export interface JfwError {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

const MESSAGES: Record<number, string> = {
  200: 'The request was successful.',
  201: 'The resource was created.',
  202: 'The request was accepted.',
  400: 'The request is invalid.',
  401: 'The request is not authenticated.',
  404: 'The resource was not found.',
  405: 'The method is not allowed on this resource.',
  409: 'The request conflicts with the current settings.',
  412: 'The resource was changed since it was read.',
  413: 'The request body is too large.',
  415: 'The request body must be JSON.',
  429: 'Too many requests; retry after the time in Retry-After.',
  503: 'The service is temporarily unavailable.',
  500: 'The server failed to handle the request.',
};

/** The JFramework envelope as a value: what every /api/v1 answer, and a refusal of Node's parser (client-error.ts), carries. */
export function envelopeBody(statusCode: number, message: string, data: unknown, errors: readonly JfwError[], correlationId: string) {
  return { success: statusCode < 400, statusCode, message, data, errors, correlationId };
}

/** Writes the JFramework envelope; every /api/v1 answer goes through here. */
export function sendEnvelope(ctx: Context, statusCode: number, data: unknown, errors: readonly JfwError[] = []): void {
  const message = MESSAGES[statusCode] ?? (statusCode < 400 ? MESSAGES[200] : MESSAGES[500]);
  sendJson(ctx, statusCode, envelopeBody(statusCode, message, data, errors, ctx.state.correlationId as string));
}
