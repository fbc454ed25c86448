import Router, { type RouterContext } from '@koa/router';
import { PortalAppView } from '../../../application/portal/portal-app.view';
import { PortalAppChanges } from '../../../domain/portal/portal-app';
import { etagOf, expectedVersion } from '../shared/etag';
import { validateBody } from '../shared/validate-body';
import { PortalAppCreateBody, PortalAppUpdateBody, ProvisionBody, surelyValidPortalAppUpdateBody } from './dto/portal.dto';
import { pagingOf, sendPage } from './portal-paging';
import { pathId } from './portal-http-error';
import { presentAccessRequest, presentApp, presentCredential } from './portal.presenter';
import { PortalUseCases } from './portal-use-cases';

function appChanges(body: PortalAppUpdateBody): PortalAppChanges {
  return { name: body.Name, description: body.Description, redirectUrls: body.RedirectURLs, userId: body.UserID, visibility: body.Visibility };
}

function answerApp(ctx: RouterContext, status: number, view: PortalAppView): void {
  ctx.status = status;
  ctx.set('ETag', etagOf(view.app.version));
  ctx.body = presentApp(view);
}

/** /apps and everything under one app: provisioning, its access requests and credentials. */
export function appsRoutes(router: Router, { apps }: PortalUseCases): void {
  const appId = (ctx: RouterContext) => pathId(ctx.params.app_id, 'App');
  const requestId = (ctx: RouterContext) => pathId(ctx.params.access_request_id, 'Access request');

  router.get('/apps', async (ctx) => sendPage(ctx, await apps.list.execute(pagingOf(ctx)), presentApp));
  router.post('/apps', async (ctx) => {
    const body = validateBody(PortalAppCreateBody, ctx.request.body);
    const { name, userId, ...rest } = appChanges(body);
    const view = await apps.create.execute({ name: name!, userId: userId!, ...rest });
    ctx.set('Location', `/portal-api/apps/${view.app.id}`);
    answerApp(ctx, 201, view);
  });
  router.get('/apps/:app_id', async (ctx) => answerApp(ctx, 200, await apps.get.execute({ appId: appId(ctx) })));
  router.put('/apps/:app_id', async (ctx) => {
    const id = appId(ctx);
    const version = expectedVersion(ctx);
    const body = validateBody(PortalAppUpdateBody, ctx.request.body, surelyValidPortalAppUpdateBody);
    answerApp(ctx, 200, await apps.update.execute({ appId: id, changes: appChanges(body), expectedVersion: version }));
  });
  router.delete('/apps/:app_id', async (ctx) => {
    const id = appId(ctx);
    await apps.delete.execute({ appId: id, expectedVersion: expectedVersion(ctx) });
    ctx.body = { status: 'ok' };
  });

  router.put('/apps/:app_id/provision', async (ctx) => {
    const id = appId(ctx);
    const body = validateBody(ProvisionBody, ctx.request.body);
    const request = await apps.provision.execute({ appId: id, productIds: body.Products, plan: body.Plan, catalogue: body.Catalogue });
    ctx.set('ETag', etagOf(request.version));
    ctx.body = { status: 'ok', message: `Access request ${request.id} created` };
  });

  const scoped = '/apps/:app_id/access-requests';
  router.get(scoped, async (ctx) => {
    const id = appId(ctx);
    sendPage(ctx, await apps.listAccessRequests.execute({ appId: id, ...pagingOf(ctx) }), presentAccessRequest);
  });
  router.get(`${scoped}/:access_request_id`, async (ctx) => {
    const found = await apps.getAccessRequest.execute({ appId: appId(ctx), accessRequestId: requestId(ctx) });
    ctx.set('ETag', etagOf(found.accessRequest.version));
    ctx.body = presentAccessRequest(found);
  });
  router.get(`${scoped}/:access_request_id/credentials`, async (ctx) => {
    const path = { appId: appId(ctx), accessRequestId: requestId(ctx) };
    sendPage(ctx, await apps.listCredentials.execute({ ...path, ...pagingOf(ctx) }), presentCredential);
  });
  // If-Match and the ETag are the access request's: a credential is part of that aggregate.
  router.put(`${scoped}/:access_request_id/credentials/:credential_id/rotate`, async (ctx) => {
    const path = { appId: appId(ctx), accessRequestId: requestId(ctx), credentialId: pathId(ctx.params.credential_id, 'Credential') };
    const { accessRequestVersion } = await apps.rotateCredential.execute({ ...path, expectedVersion: expectedVersion(ctx) });
    ctx.set('ETag', etagOf(accessRequestVersion));
    ctx.body = { status: 'ok', message: 'Credential rotated' };
  });
}
