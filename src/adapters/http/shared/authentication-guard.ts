import type { Context, Middleware } from 'koa';
import { clientAddress } from './client-address';
import { deadlineOf, withinDeadline } from './database-deadline';
import { AuthenticatedState, jsonBody } from './json-body.middleware';
import { queryText } from './query-text.middleware';
import { credentialKey, RateLimits, sleepUntil } from './rate-limits';

/** Keys and tokens are 43 base64url characters; a longer header is refused without a lookup. */
export const MAX_CREDENTIAL_LENGTH = 512;
/**
 * No failed authentication is answered sooner than this after the request
 * began: a lookup answered from the cache (a brand someone used in the last
 * AUTH_CACHE_TTL_MS) and one that went to the database then look alike
 * (ADR 5, "Same cost for unknown and known brands"). Above a miss's time
 * under normal load; a 401 costs its sender the wait, the server a timer.
 */
export const FAILURE_FLOOR_MS = 10;

/**
 * Runs a surface's credential check under the rate limits and the request's
 * database deadline. Only failures count against the address's budget and
 * only failures are refused by it: a failure from an address over its
 * budget answers 429 (held for the refusal delay) instead of 401, whereas
 * valid credentials pass whatever the address did, so one client's wrong
 * key behind a NAT or proxy does not lock out the others (docs/adr/0005).
 * The address is the client's (`clientAddress`): the socket's peer, or the
 * forwarded client when the peer is a TRUSTED_PROXIES proxy.
 * Each success counts against the credential's own budget, keyed by the
 * credential as the check reads it (`credential`, normalised by the
 * caller). `check` answers null for "not authenticated"; `unauthorized`
 * makes the surface's 401. `headerProblem` is a credential header already
 * refused by its shape (too long, missing): a failure too, answered as given.
 * Every failure is answered FAILURE_FLOOR_MS after the request began at the
 * earliest, and a 429 the refusal delay after it, so the time of the lookup
 * (cache or database) does not show in either.
 */
export async function guardedAuthentication<T>(
  ctx: Context,
  limits: RateLimits,
  credential: string,
  check: () => Promise<T | null>,
  unauthorized: () => Error,
  headerProblem?: Error,
): Promise<T> {
  const started = performance.now();
  const found =
    headerProblem !== undefined || credential === '' || credential.length > MAX_CREDENTIAL_LENGTH ? null : await deadlineOf(ctx).run(check());
  if (found === null) {
    const address = clientAddress(ctx);
    await limits.refuseBlockedAddress(address, started);
    const refusal = await limits.recordFailure(address, started);
    if (refusal !== undefined) throw refusal;
    await sleepUntil(started + FAILURE_FLOOR_MS);
    throw headerProblem ?? unauthorized();
  }
  const key = credentialKey(credential);
  await limits.consumeCredential(key);
  (ctx.state as AuthenticatedState).credentialKey = key;
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
