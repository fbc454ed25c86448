import Router, { type RouterContext } from '@koa/router';
import { etagOf, expectedVersion } from '../shared/etag';
import { pagingOf, sendPage } from './portal-paging';
import { pathId } from './portal-http-error';
import { presentAccessRequest } from './portal.presenter';
import { PortalUseCases } from './portal-use-cases';

/** /access_requests[/{access_request_id}[/approve|/reject]]. */
export function accessRequestsRoutes(router: Router, { accessRequests }: PortalUseCases): void {
  const id = (ctx: RouterContext) => pathId(ctx.params.access_request_id, 'Access request');

  router.get('/access_requests', async (ctx) => sendPage(ctx, await accessRequests.list.execute(pagingOf(ctx)), presentAccessRequest));
  router.get('/access_requests/:access_request_id', async (ctx) => {
    const found = await accessRequests.get.execute({ accessRequestId: id(ctx) });
    ctx.set('ETag', etagOf(found.accessRequest.version));
    ctx.body = presentAccessRequest(found);
  });
  router.delete('/access_requests/:access_request_id', async (ctx) => {
    const accessRequestId = id(ctx);
    await accessRequests.delete.execute({ accessRequestId, expectedVersion: expectedVersion(ctx) });
    ctx.body = { status: 'ok' };
  });
  router.put('/access_requests/:access_request_id/approve', async (ctx) => {
    const accessRequestId = id(ctx);
    const decided = await accessRequests.approve.execute({ accessRequestId, expectedVersion: expectedVersion(ctx) });
    ctx.set('ETag', etagOf(decided.accessRequest.version));
    ctx.body = { status: 'ok', message: `Access request ${decided.accessRequest.id} approved` };
  });
  router.put('/access_requests/:access_request_id/reject', async (ctx) => {
    const accessRequestId = id(ctx);
    const decided = await accessRequests.reject.execute({ accessRequestId, expectedVersion: expectedVersion(ctx) });
    ctx.set('ETag', etagOf(decided.accessRequest.version));
    ctx.body = { status: 'ok', message: `Access request ${decided.accessRequest.id} rejected` };
  });
}
