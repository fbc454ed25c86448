import type { Middleware } from 'koa';
import { AuthenticateBrand } from '../../../application/brand/authenticate-brand.use-case';
import { CredentialNotRecognisedError } from '../../../domain/brand/brand-errors';
import { MAX_BRAND_URL_INPUT } from '../../../domain/brand/brand-url';
import { ValidationError } from '../../../domain/shared/domain-error';
import { guardedAuthentication } from '../shared/authentication-guard';
import { RateLimits } from '../shared/rate-limits';

/**
 * Brand-URL + Auth-Key → ctx.state.brandId and ctx.state.keyId (the key
 * that proved it: the actor of the brand's writes), or the contract's 400/401/429.
 * The header's length is checked before anything else looks at it; a
 * missing or over-long Brand-URL is a failed authentication like a wrong key.
 */
export function brandAuthentication(authenticate: AuthenticateBrand, limits: RateLimits): Middleware {
  return async (ctx, next) => {
    const brandUrl = ctx.get('Brand-URL');
    const headerProblem =
      brandUrl.length > MAX_BRAND_URL_INPUT
        ? ValidationError.single('Brand-URL', `the Brand-URL header must be at most ${MAX_BRAND_URL_INPUT} characters`)
        : brandUrl.trim() === ''
          ? ValidationError.single('Brand-URL', 'the Brand-URL header is required')
          : undefined;
    const authKey = ctx.get('Auth-Key');
    const proved = await guardedAuthentication(
      ctx,
      limits,
      authKey,
      () =>
        authenticate.execute({ brandUrl, authKey }).then(
          (found) => found,
          (error: unknown) => {
            if (error instanceof CredentialNotRecognisedError) return null;
            throw error;
          },
        ),
      () => new CredentialNotRecognisedError(),
      headerProblem,
    );
    ctx.state.brandId = proved.brandId;
    ctx.state.keyId = proved.keyId;
    await next();
  };
}
