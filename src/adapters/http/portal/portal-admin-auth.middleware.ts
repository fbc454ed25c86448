import type { Middleware } from 'koa';
import { AuthenticatePortalAdmin } from '../../../application/portal-admin/authenticate-portal-admin.use-case';
import { guardedAuthentication } from '../shared/authentication-guard';
import { RateLimits } from '../shared/rate-limits';
import { singleHeader } from '../shared/single-header';
import { PortalHttpError } from './portal-http-error';

/**
 * `Authorization: <token>` (surrounding white space ignored) of a portal
 * admin → ctx.state.portalAdmin, else 401 (429 past the limits); two
 * Authorization headers are no credential.
 */
export function portalAdminAuthentication(authenticate: AuthenticatePortalAdmin, limits: RateLimits): Middleware {
  return async (ctx, next) => {
    // Trimmed as the lookup trims it: a padded copy of a token ("t\u00a0") is the same credential and shares its rate budget.
    const token = singleHeader(ctx, 'authorization').trim();
    ctx.state.portalAdmin = await guardedAuthentication(
      ctx,
      limits,
      token,
      () => authenticate.execute({ token }),
      () => new PortalHttpError('Unauthorized', 'Unauthorized'),
    );
    await next();
  };
}
