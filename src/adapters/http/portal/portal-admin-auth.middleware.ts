import type { Middleware } from 'koa';
import { AuthenticatePortalAdminUseCase } from '../../../application/portal/authenticate-portal-admin.use-case';
import { PortalHttpError } from './portal-http-error';

/** `Authorization: <token>` of a portal admin → ctx.state.portalAdmin, else 401. */
export function portalAdminAuthentication(authenticate: AuthenticatePortalAdminUseCase): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const admin = await authenticate.execute({ token: header === '' ? undefined : header });
    if (admin === null) throw new PortalHttpError('Unauthorized', 'Unauthorized');
    ctx.state.portalAdmin = admin;
    await next();
  };
}
