import type { Middleware } from 'koa';
import { AuthenticateBrand } from '../../../application/brand/authenticate-brand.use-case';
import { ValidationError } from '../../../domain/shared/domain-error';

/** Brand-URL + Auth-Key → ctx.state.brandId, or the contract's 400/401. */
export function brandAuthentication(authenticate: AuthenticateBrand): Middleware {
  return async (ctx, next) => {
    const brandUrl = ctx.get('Brand-URL');
    if (brandUrl.trim() === '') throw ValidationError.single('Brand-URL', 'the Brand-URL header is required');
    const authKey = ctx.get('Auth-Key');
    const { brandId } = await authenticate.execute({ brandUrl, authKey: authKey === '' ? undefined : authKey });
    ctx.state.brandId = brandId;
    await next();
  };
}
