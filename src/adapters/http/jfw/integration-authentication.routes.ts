import Router from '@koa/router';
import type { Context } from 'koa';
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
import { etagOf, expectedVersion } from '../shared/etag';
import { validateBody, validateQuery } from '../shared/validate-body';
import { AuthorizationUrlTestBody } from './dto/authorization-url-test.dto';
import { IntegrationAuthenticationPatchBody } from './dto/integration-authentication-patch.dto';
import { IntegrationAuthenticationBody, statusFromWire } from './dto/integration-authentication.dto';
import { surelyValidIntegrationAuthenticationBody } from './dto/integration-authentication.fast-check';
import { IntegrationAuthenticationListQuery } from './dto/list-query.dto';
import { sendEnvelope } from './jfw-envelope';
import { presentIntegrationAuthentication, presentPage } from './integration-authentication.presenter';

export interface IntegrationAuthenticationUseCases {
  readonly create: CreateIntegrationAuthentication;
  readonly get: GetIntegrationAuthentication;
  readonly update: UpdateIntegrationAuthentication;
  readonly patch: PatchIntegrationAuthentication;
  readonly list: ListIntegrationAuthentications;
  readonly delete: DeleteIntegrationAuthentication;
  readonly buildAuthorizationUrl: BuildAuthorizationUrl;
}

/** Only the fields the patch names; status aliases become the strings. */
function patchFromBody(body: IntegrationAuthenticationPatchBody): SettingsPatch {
  const { status, ...rest } = body;
  return status === undefined ? rest : { ...rest, status: statusFromWire(status) };
}

export function settingsFromBody(body: IntegrationAuthenticationBody): SettingsInput {
  return { ...body, status: statusFromWire(body.status) };
}

function answer(ctx: Context, status: number, view: IntegrationAuthenticationView): void {
  ctx.set('ETag', etagOf(view.authentication.version));
  sendEnvelope(ctx, status, presentIntegrationAuthentication(view));
}

/** /api/v1/app-integrations/authentication[/{id}] — seed 000 and its life cycle. */
export function integrationAuthenticationRoutes(router: Router, useCases: IntegrationAuthenticationUseCases): void {
  const base = '/app-integrations/authentication';

  router.post(base, async (ctx) => {
    const body = validateBody(IntegrationAuthenticationBody, ctx.request.body, surelyValidIntegrationAuthenticationBody);
    const view = await useCases.create.execute({ brandId: ctx.state.brandId, settings: settingsFromBody(body) });
    ctx.set('Location', `/api/v1${base}/${view.authentication.id}`);
    answer(ctx, 201, view);
  });

  router.get(base, async (ctx) => {
    const query = validateQuery(IntegrationAuthenticationListQuery, ctx.query);
    const page = await useCases.list.execute({ brandId: ctx.state.brandId, ...query });
    sendEnvelope(ctx, 200, presentPage(page, presentIntegrationAuthentication));
  });

  router.get(`${base}/:id`, async (ctx) => {
    answer(ctx, 200, await useCases.get.execute({ brandId: ctx.state.brandId, id: ctx.params.id }));
  });

  router.put(`${base}/:id`, async (ctx) => {
    const version = expectedVersion(ctx);
    const body = validateBody(IntegrationAuthenticationBody, ctx.request.body, surelyValidIntegrationAuthenticationBody);
    const view = await useCases.update.execute({
      brandId: ctx.state.brandId,
      id: ctx.params.id,
      settings: settingsFromBody(body),
      expectedVersion: version,
    });
    answer(ctx, 200, view);
  });

  router.patch(`${base}/:id`, async (ctx) => {
    const version = expectedVersion(ctx);
    const body = validateBody(IntegrationAuthenticationPatchBody, ctx.request.body);
    const view = await useCases.patch.execute({
      brandId: ctx.state.brandId,
      id: ctx.params.id,
      patch: patchFromBody(body),
      expectedVersion: version,
    });
    answer(ctx, 200, view);
  });

  router.delete(`${base}/:id`, async (ctx) => {
    const version = expectedVersion(ctx);
    await useCases.delete.execute({ brandId: ctx.state.brandId, id: ctx.params.id, expectedVersion: version });
    sendEnvelope(ctx, 200, { id: ctx.params.id });
  });

  router.post('/app-integrations/:appIntegrationId/authentication/test', async (ctx) => {
    // The body parser gives {} for no body at all: every field is optional.
    const body = validateBody(AuthorizationUrlTestBody, ctx.request.body);
    const url = await useCases.buildAuthorizationUrl.execute({
      brandId: ctx.state.brandId,
      appIntegrationId: ctx.params.appIntegrationId,
      ...body,
    });
    sendEnvelope(ctx, 200, url);
  });
}
