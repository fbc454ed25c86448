import { ChangeContext } from '../../../domain/audit/change-context';
import { portalAdminChange } from '../shared/change-context';
import type { RouterContext } from '@koa/router';
import { ListIdentityProviders } from '../../../application/identity-provider/list-identity-providers.use-case';
import { ApproveAccessRequest } from '../../../application/access-request/approve-access-request.use-case';
import { CreateApiProduct } from '../../../application/api-product/create-api-product.use-case';
import { CreatePortalApp } from '../../../application/portal-app/create-portal-app.use-case';
import { CreatePortalUser } from '../../../application/portal-user/create-portal-user.use-case';
import { DeleteAccessRequest } from '../../../application/access-request/delete-access-request.use-case';
import { DeletePortalApp } from '../../../application/portal-app/delete-portal-app.use-case';
import { DeletePortalUser } from '../../../application/portal-user/delete-portal-user.use-case';
import { GetAccessRequest } from '../../../application/access-request/get-access-request.use-case';
import { GetApiProduct } from '../../../application/api-product/get-api-product.use-case';
import { GetAppAccessRequest } from '../../../application/access-request/get-app-access-request.use-case';
import { GetPortalApp } from '../../../application/portal-app/get-portal-app.use-case';
import { GetPortalUser } from '../../../application/portal-user/get-portal-user.use-case';
import { ListAccessRequestCredentials } from '../../../application/access-request/list-access-request-credentials.use-case';
import { ListAccessRequests } from '../../../application/access-request/list-access-requests.use-case';
import { ListApiProducts } from '../../../application/api-product/list-api-products.use-case';
import { ListAppAccessRequests } from '../../../application/access-request/list-app-access-requests.use-case';
import { ListPortalApps } from '../../../application/portal-app/list-portal-apps.use-case';
import { ListPortalUsers } from '../../../application/portal-user/list-portal-users.use-case';
import { PortalAppView } from '../../../application/portal-app/portal-app.view';
import { ProvisionPortalApp } from '../../../application/portal-app/provision-portal-app.use-case';
import { RejectAccessRequest } from '../../../application/access-request/reject-access-request.use-case';
import { RotateCredential } from '../../../application/access-request/rotate-credential.use-case';
import { UpdatePortalApp } from '../../../application/portal-app/update-portal-app.use-case';
import { UpdatePortalUser } from '../../../application/portal-user/update-portal-user.use-case';
import { PortalAppChanges } from '../../../domain/portal-app/portal-app';
import { PortalUser, PortalUserChanges } from '../../../domain/portal-user/portal-user';
import { ExpectedVersion } from '../../../domain/shared/version-precondition';
import { PortalRouteDoc, ref } from '../openapi/route-docs';
import { SEED_003_PUT_REQUEST, SEED_003_PUT_RESPONSE } from '../openapi/seed-examples';
import { etagOf, etagOfContent, expectedVersion } from '../shared/etag';
import { route, RouteEntry } from '../shared/route-table';
import { validateBody } from '../shared/validate-body';
import { ApiProductCreateBody, PortalAppCreateBody, PortalAppUpdateBody, PortalUserCreateBody, PortalUserUpdateBody, ProvisionBody, surelyValidPortalAppUpdateBody } from './dto/portal.dto';
import { pathId } from './portal-http-error';
import { pagingOf, sendPage } from './portal-paging';
import { PORTAL_PREFIX } from './portal-prefix';
import { presentAccessRequest, presentApp, presentAuditEntry, presentCredential, presentIdentityProvider, presentProduct, presentUser } from './portal.presenter';
import { ListPortalAuditEntries } from '../../../application/audit/list-portal-audit-entries.use-case';
import { ValidationError } from '../../../domain/shared/domain-error';
import { PORTAL_WEBHOOK_ROUTES } from './portal-webhooks.routes';
import { sendJson } from '../shared/json-answer';

function userChanges(body: PortalUserUpdateBody): PortalUserChanges {
  return { email: body.Email, first: body.First, last: body.Last, role: body.Role, organisationId: body.OrganisationID, active: body.Active };
}

function appChanges(body: PortalAppUpdateBody): PortalAppChanges {
  return { name: body.Name, description: body.Description, redirectUrls: body.RedirectURLs, userId: body.UserID, visibility: body.Visibility };
}

function answerUser(ctx: RouterContext, status: number, user: PortalUser): void {
  ctx.status = status;
  ctx.set('ETag', etagOf(user.version));
  ctx.body = presentUser(user);
}

// Products never change once created: the ETag is a digest of the representation.
function answerProduct(ctx: RouterContext, status: number, product: Parameters<typeof presentProduct>[0]): void {
  const body = presentProduct(product);
  ctx.status = status;
  ctx.set('ETag', etagOfContent(body));
  ctx.body = body;
}

function answerApp(ctx: RouterContext, status: number, view: PortalAppView): void {
  ctx.set('ETag', etagOf(view.app.version));
  sendJson(ctx, status, presentApp(view));
}

const userId = (ctx: RouterContext) => pathId(ctx.params.user_id, 'User');
const appId = (ctx: RouterContext) => pathId(ctx.params.app_id, 'App');
const requestId = (ctx: RouterContext) => pathId(ctx.params.access_request_id, 'Access request');
const list = (name: string) => ({ type: 'array', items: ref(name) });

const AUDIT_FILTERS = {
  resource_type: { description: 'only entries about this kind of resource (portal-app, portal-user, api-product, access-request, credential, portal-admin)', maxLength: 48 },
  resource_id: { description: "only entries about this resource's id (with resource_type)", maxLength: 64 },
} as const;

/** An optional text filter of the audit list: one value, at most its maximum length, else 422 naming it. */
function auditFilter(ctx: RouterContext, name: keyof typeof AUDIT_FILTERS): string | undefined {
  const max = AUDIT_FILTERS[name].maxLength;
  const value = ctx.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) throw ValidationError.single(name, `must be one value of at most ${max} characters`);
  return value;
}

/** A pending request's decision (approve or reject): the same If-Match, ETag and message. */
interface Decide {
  execute(command: { accessRequestId: number; expectedVersion?: ExpectedVersion; change: ChangeContext }): Promise<{ accessRequest: { id: number; version: number } }>;
}

function decide(outcome: 'approved' | 'rejected') {
  return async (decision: Decide, ctx: RouterContext): Promise<void> => {
    const accessRequestId = requestId(ctx);
    const decided = await decision.execute({ accessRequestId, expectedVersion: expectedVersion(ctx), change: portalAdminChange(ctx) });
    ctx.set('ETag', etagOf(decided.accessRequest.version));
    ctx.body = { status: 'ok', message: `Access request ${decided.accessRequest.id} ${outcome}` };
  };
}

const APP_REQUESTS = '/apps/:app_id/access-requests';
const APP_REQUEST = `${APP_REQUESTS}/:access_request_id`;

/**
 * Every route of the developer portal under /portal-api: the router, the
 * OpenAPI document, the docs' route table and the shape of each route's 422
 * follow this list.
 */
export const PORTAL_ROUTES: readonly RouteEntry<PortalRouteDoc>[] = [
  // ------------------------------------------------------------------ users
  route({
    method: 'get', path: '/users', useCase: ListPortalUsers,
    doc: { operationId: 'listUsers', summary: 'List users', answer: list('PortalUser'), paged: true },
    handle: async (users, ctx) => sendPage(ctx, await users.execute(pagingOf(ctx)), presentUser),
  }),
  route({
    method: 'post', path: '/users', useCase: CreatePortalUser,
    doc: { operationId: 'createUser', summary: 'Create a user', status: 201, answer: ref('PortalUser'), body: 'PortalUserCreateBody', unprocessable: 'Errors' },
    handle: async (create, ctx) => {
      const body = validateBody(PortalUserCreateBody, ctx.request.body);
      const { email, first, last, role, ...rest } = userChanges(body);
      answerUser(ctx, 201, await create.execute({ change: portalAdminChange(ctx), email: email!, first: first!, last: last!, role: role!, ...rest }));
    },
  }),
  route({
    method: 'get', path: '/users/:user_id', useCase: GetPortalUser,
    doc: { operationId: 'getUser', summary: 'Get a user', answer: ref('PortalUser'), etag: true },
    handle: async (get, ctx) => answerUser(ctx, 200, await get.execute({ userId: userId(ctx) })),
  }),
  route({
    method: 'put', path: '/users/:user_id', useCase: UpdatePortalUser,
    doc: {
      operationId: 'updateUser', summary: 'Update a user (partial)', answer: ref('PortalUser'), body: 'PortalUserUpdateBody', conditional: true,
      unprocessable: 'Errors',
    },
    handle: async (update, ctx) => {
      const id = userId(ctx);
      const version = expectedVersion(ctx);
      const body = validateBody(PortalUserUpdateBody, ctx.request.body);
      answerUser(ctx, 200, await update.execute({ change: portalAdminChange(ctx), userId: id, changes: userChanges(body), expectedVersion: version }));
    },
  }),
  route({
    method: 'delete', path: '/users/:user_id', useCase: DeletePortalUser,
    doc: { operationId: 'deleteUser', summary: 'Delete a user who owns no apps', answer: ref('StatusOk'), conditional: true, unprocessable: 'Errors' },
    handle: async (remove, ctx) => {
      const id = userId(ctx);
      await remove.execute({ change: portalAdminChange(ctx), userId: id, expectedVersion: expectedVersion(ctx) });
      ctx.body = { status: 'ok' };
    },
  }),
  // --------------------------------------------------------------- products
  route({
    method: 'get', path: '/products', useCase: ListApiProducts,
    doc: { operationId: 'listProducts', summary: 'List API products', answer: list('ApiProduct'), paged: true },
    handle: async (products, ctx) => sendPage(ctx, await products.execute(pagingOf(ctx)), presentProduct),
  }),
  route({
    method: 'post', path: '/products', useCase: CreateApiProduct,
    doc: { operationId: 'createProduct', summary: 'Create an API product', status: 201, answer: ref('ApiProduct'), body: 'ApiProductCreateBody', unprocessable: 'Errors' },
    handle: async (create, ctx) => {
      const body = validateBody(ApiProductCreateBody, ctx.request.body);
      answerProduct(ctx, 201, await create.execute({
        change: portalAdminChange(ctx), name: body.Name, authType: body.AuthType, scopes: body.Scopes, dcrEnabled: body.DCREnabled,
        identityProviderId: body.IdentityProviderID, grantTypes: body.GrantTypes, responseTypes: body.ResponseTypes,
        tokenEndpointAuthMethod: body.TokenEndpointAuthMethod,
      }));
    },
  }),
  route({
    method: 'get', path: '/products/:product_id', useCase: GetApiProduct,
    doc: { operationId: 'getProduct', summary: 'Get an API product', answer: ref('ApiProduct'), etag: true },
    handle: async (get, ctx) => answerProduct(ctx, 200, await get.execute({ productId: pathId(ctx.params.product_id, 'Product') })),
  }),
  // ---------------------------------------------------- identity providers
  route({
    method: 'get', path: '/identity-providers', useCase: ListIdentityProviders,
    doc: { operationId: 'listIdentityProviders', summary: 'List identity providers (created with the command line: idps:create)', answer: list('IdentityProvider'), paged: true },
    handle: async (providers, ctx) => sendPage(ctx, await providers.execute(pagingOf(ctx)), presentIdentityProvider),
  }),
  // ------------------------------------------------------------------- apps
  route({
    method: 'get', path: '/apps', useCase: ListPortalApps,
    doc: { operationId: 'listApps', summary: 'List applications', answer: list('PortalApp'), paged: true },
    handle: async (apps, ctx) => sendPage(ctx, await apps.execute(pagingOf(ctx)), presentApp),
  }),
  route({
    method: 'post', path: '/apps', useCase: CreatePortalApp,
    doc: { operationId: 'createApp', summary: 'Create an application', status: 201, answer: ref('PortalApp'), body: 'PortalAppCreateBody', unprocessable: 'Errors' },
    handle: async (create, ctx) => {
      const body = validateBody(PortalAppCreateBody, ctx.request.body);
      const { name, userId: owner, ...rest } = appChanges(body);
      const view = await create.execute({ change: portalAdminChange(ctx), name: name!, userId: owner!, ...rest });
      ctx.set('Location', `${PORTAL_PREFIX}/apps/${view.app.id}`);
      answerApp(ctx, 201, view);
    },
  }),
  route({
    method: 'get', path: '/apps/:app_id', useCase: GetPortalApp,
    doc: { operationId: 'getApp', summary: 'Get an application', answer: ref('PortalApp'), etag: true },
    handle: async (get, ctx) => answerApp(ctx, 200, await get.execute({ appId: appId(ctx) })),
  }),
  route({
    method: 'put', path: '/apps/:app_id', useCase: UpdatePortalApp,
    doc: {
      operationId: 'updateApp', summary: 'Update an application (partial; seed 003)', answer: ref('PortalApp'), body: 'PortalAppUpdateBody',
      conditional: true, unprocessable: 'Errors',
      requestExamples: { seed003: { summary: 'Seed 003 request', value: SEED_003_PUT_REQUEST } },
      responseExamples: { seed003: { summary: 'Seed 003 answer, as the seed shows it', value: SEED_003_PUT_RESPONSE } },
    },
    handle: async (update, ctx) => {
      const id = appId(ctx);
      const version = expectedVersion(ctx);
      const body = validateBody(PortalAppUpdateBody, ctx.request.body, surelyValidPortalAppUpdateBody);
      answerApp(ctx, 200, await update.execute({ change: portalAdminChange(ctx), appId: id, changes: appChanges(body), expectedVersion: version }));
    },
  }),
  route({
    method: 'delete', path: '/apps/:app_id', useCase: DeletePortalApp,
    doc: { operationId: 'deleteApp', summary: 'Delete an application', answer: ref('StatusOk'), conditional: true },
    handle: async (remove, ctx) => {
      const id = appId(ctx);
      await remove.execute({ change: portalAdminChange(ctx), appId: id, expectedVersion: expectedVersion(ctx) });
      ctx.body = { status: 'ok' };
    },
  }),
  route({
    method: 'put', path: '/apps/:app_id/provision', useCase: ProvisionPortalApp,
    doc: {
      operationId: 'provisionApp', summary: 'Request access to API products for an application', answer: ref('StatusWithMessage'),
      body: 'ProvisionBody', unprocessable: 'StatusWithErrors', etag: true,
    },
    handle: async (provision, ctx) => {
      const id = appId(ctx);
      const body = validateBody(ProvisionBody, ctx.request.body);
      const request = await provision.execute({ change: portalAdminChange(ctx), appId: id, productIds: body.Products, plan: body.Plan, catalogue: body.Catalogue });
      ctx.set('ETag', etagOf(request.version));
      ctx.body = { status: 'ok', message: `Access request ${request.id} created` };
    },
  }),
  route({
    method: 'get', path: APP_REQUESTS, useCase: ListAppAccessRequests,
    doc: { operationId: 'listAppAccessRequests', summary: "List an application's access requests", answer: list('AccessRequest'), paged: true },
    handle: async (requests, ctx) => {
      const id = appId(ctx);
      sendPage(ctx, await requests.execute({ appId: id, ...pagingOf(ctx) }), presentAccessRequest);
    },
  }),
  route({
    method: 'get', path: APP_REQUEST, useCase: GetAppAccessRequest,
    doc: { operationId: 'getAppAccessRequest', summary: 'Get an access request of an application', answer: ref('AccessRequest'), etag: true },
    handle: async (get, ctx) => {
      const found = await get.execute({ appId: appId(ctx), accessRequestId: requestId(ctx) });
      ctx.set('ETag', etagOf(found.accessRequest.version));
      ctx.body = presentAccessRequest(found);
    },
  }),
  route({
    method: 'get', path: `${APP_REQUEST}/credentials`, useCase: ListAccessRequestCredentials,
    doc: { operationId: 'listAccessRequestCredentials', summary: 'List the credentials of an access request', answer: list('Credential'), paged: true },
    handle: async (credentials, ctx) => {
      const path = { appId: appId(ctx), accessRequestId: requestId(ctx) };
      sendPage(ctx, await credentials.execute({ ...path, ...pagingOf(ctx) }), presentCredential);
    },
  }),
  // If-Match and the ETag are the access request's: a credential is part of that aggregate.
  route({
    method: 'put', path: `${APP_REQUEST}/credentials/:credential_id/rotate`, useCase: RotateCredential,
    doc: {
      operationId: 'rotateCredential', summary: "Replace the secret of a credential (If-Match and ETag: the access request's)",
      answer: ref('StatusWithMessage'), unprocessable: 'StatusWithErrors', conditional: true,
    },
    handle: async (rotate, ctx) => {
      const path = { appId: appId(ctx), accessRequestId: requestId(ctx), credentialId: pathId(ctx.params.credential_id, 'Credential') };
      const { accessRequestVersion } = await rotate.execute({ change: portalAdminChange(ctx), ...path, expectedVersion: expectedVersion(ctx) });
      ctx.set('ETag', etagOf(accessRequestVersion));
      ctx.body = { status: 'ok', message: 'Credential rotated' };
    },
  }),
  // -------------------------------------------------------- access requests
  route({
    method: 'get', path: '/access_requests', useCase: ListAccessRequests,
    doc: { operationId: 'listAccessRequests', summary: 'List access requests', answer: list('AccessRequest'), paged: true },
    handle: async (requests, ctx) => sendPage(ctx, await requests.execute(pagingOf(ctx)), presentAccessRequest),
  }),
  route({
    method: 'get', path: '/access_requests/:access_request_id', useCase: GetAccessRequest,
    doc: { operationId: 'getAccessRequest', summary: 'Get an access request', answer: ref('AccessRequest'), etag: true },
    handle: async (get, ctx) => {
      const found = await get.execute({ accessRequestId: requestId(ctx) });
      ctx.set('ETag', etagOf(found.accessRequest.version));
      ctx.body = presentAccessRequest(found);
    },
  }),
  route({
    method: 'delete', path: '/access_requests/:access_request_id', useCase: DeleteAccessRequest,
    doc: { operationId: 'deleteAccessRequest', summary: 'Delete an access request and revoke its credentials', answer: ref('StatusOk'), conditional: true },
    handle: async (remove, ctx) => {
      const accessRequestId = requestId(ctx);
      await remove.execute({ change: portalAdminChange(ctx), accessRequestId, expectedVersion: expectedVersion(ctx) });
      ctx.body = { status: 'ok' };
    },
  }),
  route({
    method: 'put', path: '/access_requests/:access_request_id/approve', useCase: ApproveAccessRequest,
    doc: {
      operationId: 'approveAccessRequest', summary: 'Approve a pending access request (issues a credential)', answer: ref('StatusWithMessage'),
      unprocessable: 'StatusWithErrorMessage', conditional: true,
    },
    handle: decide('approved'),
  }),
  route({
    method: 'put', path: '/access_requests/:access_request_id/reject', useCase: RejectAccessRequest,
    doc: {
      operationId: 'rejectAccessRequest', summary: 'Reject a pending access request', answer: ref('StatusWithMessage'),
      unprocessable: 'StatusWithErrorMessage', conditional: true,
    },
    handle: decide('rejected'),
  }),
  route({
    method: 'get', path: '/audit', useCase: ListPortalAuditEntries,
    doc: {
      operationId: 'listAuditEntries', summary: "The portal's audit entries, newest first", answer: list('PortalAuditEntry'), paged: true,
      filters: { resource_type: AUDIT_FILTERS.resource_type, resource_id: AUDIT_FILTERS.resource_id },
    },
    handle: async (entries, ctx) => {
      const page = await entries.execute({ ...pagingOf(ctx), resourceType: auditFilter(ctx, 'resource_type'), resourceId: auditFilter(ctx, 'resource_id') });
      sendPage(ctx, page, presentAuditEntry);
    },
  }),
  ...PORTAL_WEBHOOK_ROUTES,
];
