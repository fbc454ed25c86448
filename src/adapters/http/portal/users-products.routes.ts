import Router, { type RouterContext } from '@koa/router';
import { etagOf, etagOfContent, expectedVersion } from '../shared/etag';
import { validateBody } from '../shared/validate-body';
import { ApiProductCreateBody, PortalUserCreateBody, PortalUserUpdateBody } from './dto/portal.dto';
import { pagingOf, sendPage } from './portal-paging';
import { pathId } from './portal-http-error';
import { presentProduct, presentUser } from './portal.presenter';
import { PortalUseCases } from './portal-use-cases';
import { PortalUser, PortalUserChanges } from '../../../domain/portal/portal-user';

function userChanges(body: PortalUserUpdateBody): PortalUserChanges {
  return { email: body.Email, first: body.First, last: body.Last, role: body.Role, organisationId: body.OrganisationID, active: body.Active };
}

/** /users[/{user_id}] and /products[/{product_id}]. */
export function usersAndProductsRoutes(router: Router, useCases: PortalUseCases): void {
  const { users, products } = useCases;
  const answerUser = (ctx: RouterContext, status: number, user: PortalUser) => {
    ctx.status = status;
    ctx.set('ETag', etagOf(user.version));
    ctx.body = presentUser(user);
  };
  // Products never change once created: the ETag is a digest of the representation.
  const answerProduct = (ctx: RouterContext, status: number, product: Parameters<typeof presentProduct>[0]) => {
    const body = presentProduct(product);
    ctx.status = status;
    ctx.set('ETag', etagOfContent(body));
    ctx.body = body;
  };

  router.get('/users', async (ctx) => sendPage(ctx, await users.list.execute(pagingOf(ctx)), presentUser));
  router.post('/users', async (ctx) => {
    const body = validateBody(PortalUserCreateBody, ctx.request.body);
    const { email, first, last, role, ...rest } = userChanges(body);
    answerUser(ctx, 201, await users.create.execute({ email: email!, first: first!, last: last!, role: role!, ...rest }));
  });
  router.get('/users/:user_id', async (ctx) => {
    answerUser(ctx, 200, await users.get.execute({ userId: pathId(ctx.params.user_id, 'User') }));
  });
  router.put('/users/:user_id', async (ctx) => {
    const userId = pathId(ctx.params.user_id, 'User');
    const version = expectedVersion(ctx);
    const body = validateBody(PortalUserUpdateBody, ctx.request.body);
    answerUser(ctx, 200, await users.update.execute({ userId, changes: userChanges(body), expectedVersion: version }));
  });
  router.delete('/users/:user_id', async (ctx) => {
    const userId = pathId(ctx.params.user_id, 'User');
    await users.delete.execute({ userId, expectedVersion: expectedVersion(ctx) });
    ctx.body = { status: 'ok' };
  });

  router.get('/products', async (ctx) => sendPage(ctx, await products.list.execute(pagingOf(ctx)), presentProduct));
  router.post('/products', async (ctx) => {
    const body = validateBody(ApiProductCreateBody, ctx.request.body);
    answerProduct(ctx, 201, await products.create.execute({ name: body.Name, authType: body.AuthType, scopes: body.Scopes }));
  });
  router.get('/products/:product_id', async (ctx) => {
    answerProduct(ctx, 200, await products.get.execute({ productId: pathId(ctx.params.product_id, 'Product') }));
  });
}
