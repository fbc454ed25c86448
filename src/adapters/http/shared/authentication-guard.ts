import type { Context, Middleware } from 'koa';
import { deadlineOf, withinDeadline } from './database-deadline';
import { jsonBody } from './json-body.middleware';
import { queryText } from './query-text.middleware';
import { RateLimits } from './rate-limits';

/** Keys and tokens are 43 base64url characters; a longer header is refused without a lookup. */
export const MAX_CREDENTIAL_LENGTH = 512;

/**
 * Runs a surface's credential check under the rate limits and the request's
 * database deadline. An address over its budget of failed authentications is
 * answered 429 before any check; each failure counts against the address
 * (the one that exhausts the budget answers 429 instead of 401); each
 * success counts against the credential's own budget. `check` answers null
 * for "not authenticated"; `unauthorized` makes the surface's 401.
 * `headerProblem` is a credential header already refused by its shape (too
 * long, missing): it counts as a failure too, and is answered as given.
 */
export async function guardedAuthentication<T>(
  ctx: Context,
  limits: RateLimits,
  credential: string,
  check: () => Promise<T | null>,
  unauthorized: () => Error,
  headerProblem?: Error,
): Promise<T> {
  await limits.refuseBlockedAddress(ctx.ip);
  if (headerProblem !== undefined) throw (await limits.recordFailure(ctx.ip)) ?? headerProblem;
  const found = credential === '' || credential.length > MAX_CREDENTIAL_LENGTH ? null : await deadlineOf(ctx).run(check());
  if (found === null) {
    throw (await limits.recordFailure(ctx.ip)) ?? unauthorized();
  }
  await limits.consumeCredential(credential);
  return found;
}

/**
 * What runs on every route after authentication and before its handler:
 * the query's text rule, the JSON body (read only now, so an unauthenticated
 * request never costs a parse), then the handler within the database
 * deadline.
 */
export function afterAuthentication(): Middleware[] {
  return [queryText, jsonBody(), withinDeadline];
}
