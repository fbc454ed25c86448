import type { RouterContext } from '@koa/router';
import { GetIntegrationAuthenticationHistory } from '../../../application/audit/get-integration-authentication-history.use-case';
import { ListBrandAuditEntries } from '../../../application/audit/list-brand-audit-entries.use-case';
import { presentAuditEntry } from './audit-entry.presenter';
import { AuditListQuery } from './dto/audit-query.dto';
import { PagingQuery } from './dto/paging-query.dto';
import { timeBound } from './dto/time-bound';
import { GetAppIntegration } from '../../../application/app-integration/get-app-integration.use-case';
import { ListAppIntegrations } from '../../../application/app-integration/list-app-integrations.use-case';
import { BuildAuthorizationUrl } from '../../../application/integration-authentication/build-authorization-url.use-case';
import { CreateIntegrationAuthentication } from '../../../application/integration-authentication/create-integration-authentication.use-case';
import { DeleteIntegrationAuthentication } from '../../../application/integration-authentication/delete-integration-authentication.use-case';
import { GetIntegrationAuthentication } from '../../../application/integration-authentication/get-integration-authentication.use-case';
import { ListIntegrationAuthentications } from '../../../application/integration-authentication/list-integration-authentications.use-case';
import { PatchIntegrationAuthentication } from '../../../application/integration-authentication/patch-integration-authentication.use-case';
import { UpdateIntegrationAuthentication } from '../../../application/integration-authentication/update-integration-authentication.use-case';
import { IntegrationAuthenticationView } from '../../../application/ports/integration-authentication.repository';
import { SettingsPatch } from '../../../domain/integration-authentication/integration-authentication';
import { SettingsInput } from '../../../domain/integration-authentication/integration-authentication-settings';
import { JfwRouteDoc, ref } from '../openapi/route-docs';
import { SEED_000_PUT_REQUEST, SEED_000_PUT_RESPONSE } from '../openapi/seed-examples';
import { brandKeyChange } from '../shared/change-context';
import { etagOf, etagOfContent, expectedVersion } from '../shared/etag';
import { route, RouteEntry } from '../shared/route-table';
import { validateBody, validateQuery } from '../shared/validate-body';
import { AuthorizationUrlTestBody } from './dto/authorization-url-test.dto';
import { IntegrationAuthenticationPatchBody } from './dto/integration-authentication-patch.dto';
import { IntegrationAuthenticationBody, statusFromWire } from './dto/integration-authentication.dto';
import { surelyValidIntegrationAuthenticationBody } from './dto/integration-authentication.fast-check';
import { AppIntegrationListQuery, IntegrationAuthenticationListQuery } from './dto/list-query.dto';
import { presentAppIntegration, presentIntegrationAuthentication } from './integration-authentication.presenter';
import { presentPage } from './jfw-page.presenter';
import { sendEnvelope } from './jfw-envelope';
import { JFW_WEBHOOK_ROUTES } from './jfw-webhooks.routes';

export const JFW_PREFIX = '/api/v1';

/** Only the fields the patch names; status aliases become the strings. */
function patchFromBody(body: IntegrationAuthenticationPatchBody): SettingsPatch {
  const { status, ...rest } = body;
  return status === undefined ? rest : { ...rest, status: statusFromWire(status) };
}

function settingsFromBody(body: IntegrationAuthenticationBody): SettingsInput {
  return { ...body, status: statusFromWire(body.status) };
}

function answer(ctx: RouterContext, status: number, view: IntegrationAuthenticationView): void {
  ctx.set('ETag', etagOf(view.authentication.version));
  sendEnvelope(ctx, status, presentIntegrationAuthentication(view));
}

const AUTHENTICATION = '/app-integrations/authentication';
const ONE_AUTHENTICATION = `${AUTHENTICATION}/:id`;

/**
 * Every route of the JFramework surface under /api/v1: the router, the
 * OpenAPI document and the docs' route table follow this list. Order
 * matters: `/app-integrations/authentication` must reach its own route
 * before `/app-integrations/:id` could take it for a catalog id.
 */
export const JFW_ROUTES: readonly RouteEntry<JfwRouteDoc>[] = [
  route({
    method: 'post', path: AUTHENTICATION, useCase: CreateIntegrationAuthentication,
    doc: {
      operationId: 'createIntegrationAuthentication', summary: 'Create an app integration authentication', status: 201,
      data: ref('IntegrationAuthentication'), body: 'IntegrationAuthenticationBody', errors: [400, 401, 404, 409, 413, 415, 500, 503],
      requestExamples: { seed000: { summary: 'Google OAuth2 (seed 000)', value: SEED_000_PUT_REQUEST } },
    },
    handle: async (create, ctx) => {
      const body = validateBody(IntegrationAuthenticationBody, ctx.request.body, surelyValidIntegrationAuthenticationBody);
      const view = await create.execute({ brandId: ctx.state.brandId, settings: settingsFromBody(body), change: brandKeyChange(ctx) });
      ctx.set('Location', `${JFW_PREFIX}${AUTHENTICATION}/${view.authentication.id}`);
      answer(ctx, 201, view);
    },
  }),
  route({
    method: 'get', path: AUTHENTICATION, useCase: ListIntegrationAuthentications,
    doc: {
      operationId: 'listIntegrationAuthentications', summary: "List the brand's app integration authentications", status: 200,
      data: ref('IntegrationAuthenticationPage'), query: 'IntegrationAuthenticationListQuery', errors: [400, 401, 500, 503],
    },
    handle: async (list, ctx) => {
      const query = validateQuery(IntegrationAuthenticationListQuery, ctx.query);
      const page = await list.execute({ brandId: ctx.state.brandId, ...query });
      sendEnvelope(ctx, 200, presentPage(page, presentIntegrationAuthentication));
    },
  }),
  route({
    method: 'get', path: ONE_AUTHENTICATION, useCase: GetIntegrationAuthentication,
    doc: {
      operationId: 'getIntegrationAuthentication', summary: 'Get an app integration authentication', status: 200,
      data: ref('IntegrationAuthentication'), etag: true, errors: [400, 401, 404, 500, 503],
    },
    handle: async (get, ctx) => answer(ctx, 200, await get.execute({ brandId: ctx.state.brandId, id: ctx.params.id! })),
  }),
  route({
    method: 'put', path: ONE_AUTHENTICATION, useCase: UpdateIntegrationAuthentication,
    doc: {
      operationId: 'updateIntegrationAuthentication', summary: 'Updates an app integration authentication (replaces it; seed 000)', status: 200,
      data: ref('IntegrationAuthentication'), body: 'IntegrationAuthenticationBody', conditional: true,
      errors: [400, 401, 404, 409, 412, 413, 415, 500, 503],
      requestExamples: { seed000: { summary: 'Seed 000 request', value: SEED_000_PUT_REQUEST } },
      responseExamples: {
        seed000: { summary: 'Seed 000 answer, as the seed shows it (the service adds correlationId, createdDate, updatedDate)', value: SEED_000_PUT_RESPONSE },
      },
    },
    handle: async (update, ctx) => {
      const version = expectedVersion(ctx);
      const body = validateBody(IntegrationAuthenticationBody, ctx.request.body, surelyValidIntegrationAuthenticationBody);
      const view = await update.execute({
        brandId: ctx.state.brandId, id: ctx.params.id!, settings: settingsFromBody(body), expectedVersion: version, change: brandKeyChange(ctx),
      });
      answer(ctx, 200, view);
    },
  }),
  route({
    method: 'patch', path: ONE_AUTHENTICATION, useCase: PatchIntegrationAuthentication,
    doc: {
      operationId: 'patchIntegrationAuthentication', summary: 'Change some fields (JSON Merge Patch, RFC 7396)', status: 200,
      data: ref('IntegrationAuthentication'), body: 'IntegrationAuthenticationPatchBody', bodyTypes: ['application/merge-patch+json', 'application/json'],
      conditional: true, errors: [400, 401, 404, 409, 412, 413, 415, 500, 503],
      requestExamples: { rename: { value: { name: 'Renamed', description: null } } },
    },
    handle: async (patch, ctx) => {
      const version = expectedVersion(ctx);
      const body = validateBody(IntegrationAuthenticationPatchBody, ctx.request.body);
      const view = await patch.execute({
        brandId: ctx.state.brandId, id: ctx.params.id!, patch: patchFromBody(body), expectedVersion: version, change: brandKeyChange(ctx),
      });
      answer(ctx, 200, view);
    },
  }),
  route({
    method: 'delete', path: ONE_AUTHENTICATION, useCase: DeleteIntegrationAuthentication,
    doc: {
      operationId: 'deleteIntegrationAuthentication', summary: 'Delete an app integration authentication', status: 200,
      data: ref('DeletedId'), conditional: true, errors: [400, 401, 404, 412, 500, 503],
    },
    handle: async (remove, ctx) => {
      const version = expectedVersion(ctx);
      await remove.execute({ brandId: ctx.state.brandId, id: ctx.params.id!, expectedVersion: version, change: brandKeyChange(ctx) });
      sendEnvelope(ctx, 200, { id: ctx.params.id });
    },
  }),
  route({
    method: 'get', path: `${ONE_AUTHENTICATION}/history`, useCase: GetIntegrationAuthenticationHistory,
    doc: {
      operationId: 'getIntegrationAuthenticationHistory', summary: "A configuration's audit entries, newest first (also after it was deleted)",
      status: 200, data: ref('AuditEntryPage'), query: 'PagingQuery', errors: [400, 401, 404, 500, 503],
    },
    handle: async (history, ctx) => {
      const query = validateQuery(PagingQuery, ctx.query);
      const page = await history.execute({ brandId: ctx.state.brandId, id: ctx.params.id!, ...query });
      sendEnvelope(ctx, 200, presentPage(page, presentAuditEntry));
    },
  }),
  route({
    method: 'get', path: '/audit', useCase: ListBrandAuditEntries,
    doc: {
      operationId: 'listAuditEntries', summary: "The brand's audit entries, newest first", status: 200,
      data: ref('AuditEntryPage'), query: 'AuditListQuery', errors: [400, 401, 500, 503],
    },
    handle: async (list, ctx) => {
      const { from, to, ...query } = validateQuery(AuditListQuery, ctx.query);
      const page = await list.execute({
        brandId: ctx.state.brandId, ...query,
        from: timeBound(from, 'from'), to: timeBound(to, 'to'),
      });
      sendEnvelope(ctx, 200, presentPage(page, presentAuditEntry));
    },
  }),
  route({
    method: 'post', path: '/app-integrations/:appIntegrationId/authentication/test', useCase: BuildAuthorizationUrl,
    doc: {
      operationId: 'testAuthorizationUrl', summary: "Authorization URL of the brand's default configuration of an integration", status: 200,
      data: { type: 'string', format: 'uri' }, body: 'AuthorizationUrlTestBody', errors: [400, 401, 404, 409, 413, 415, 500, 503],
    },
    handle: async (build, ctx) => {
      // The body parser gives {} for no body at all: every field is optional.
      const body = validateBody(AuthorizationUrlTestBody, ctx.request.body);
      sendEnvelope(ctx, 200, await build.execute({ brandId: ctx.state.brandId, appIntegrationId: ctx.params.appIntegrationId!, ...body }));
    },
  }),
  route({
    method: 'get', path: '/app-integrations', useCase: ListAppIntegrations,
    doc: {
      operationId: 'listAppIntegrations', summary: 'List the shared app integration catalog', status: 200,
      data: ref('AppIntegrationPage'), query: 'AppIntegrationListQuery', errors: [400, 401, 500, 503],
    },
    handle: async (list, ctx) => {
      const page = await list.execute(validateQuery(AppIntegrationListQuery, ctx.query));
      sendEnvelope(ctx, 200, presentPage(page, (entry) => presentAppIntegration(entry.snapshot())));
    },
  }),
  route({
    method: 'get', path: '/app-integrations/:id', useCase: GetAppIntegration,
    doc: {
      operationId: 'getAppIntegration', summary: 'Get a catalog entry', status: 200, data: ref('AppIntegration'), etag: true,
      errors: [400, 401, 404, 500, 503],
    },
    handle: async (get, ctx) => {
      const data = presentAppIntegration((await get.execute({ id: ctx.params.id! })).snapshot());
      // Catalog entries never change once created: the ETag is a digest of the representation.
      ctx.set('ETag', etagOfContent(data));
      sendEnvelope(ctx, 200, data);
    },
  }),
  ...JFW_WEBHOOK_ROUTES,
];
