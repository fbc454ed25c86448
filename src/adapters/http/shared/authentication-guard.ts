import type { Context, Middleware } from 'koa';
import { deadlineOf, withinDeadline } from './database-deadline';
import { AuthenticatedState, jsonBody } from './json-body.middleware';
import { queryText } from './query-text.middleware';
import { credentialKey, RateLimits } from './rate-limits';

/** Keys and tokens are 43 base64url characters; a longer header is refused without a lookup. */
export const MAX_CREDENTIAL_LENGTH = 512;

/**
 * Runs a surface's credential check under the rate limits and the request's
 * database deadline. Only failures count against the address's budget and
 * only failures are refused by it: a failure from an address over its
 * budget answers 429 (held for the refusal delay) instead of 401, whereas
 * valid credentials pass whatever the address did, so one client's wrong
 * key behind a NAT or proxy does not lock out the others (docs/adr/0005).
 * Each success counts against the credential's own budget, keyed by the
 * credential as the check reads it (`credential`, normalised by the
 * caller). `check` answers null for "not authenticated"; `unauthorized`
 * makes the surface's 401. `headerProblem` is a credential header already
 * refused by its shape (too long, missing): a failure too, answered as given.
 */
export async function guardedAuthentication<T>(
  ctx: Context,
  limits: RateLimits,
  credential: string,
  check: () => Promise<T | null>,
  unauthorized: () => Error,
  headerProblem?: Error,
): Promise<T> {
  const found =
    headerProblem !== undefined || credential === '' || credential.length > MAX_CREDENTIAL_LENGTH ? null : await deadlineOf(ctx).run(check());
  if (found === null) {
    await limits.refuseBlockedAddress(ctx.ip);
    throw (await limits.recordFailure(ctx.ip)) ?? headerProblem ?? unauthorized();
  }
  await limits.consumeCredential(credential);
  (ctx.state as AuthenticatedState).credentialKey = credentialKey(credential);
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
