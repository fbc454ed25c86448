import Router from '@koa/router';
import type { Context } from 'koa';
import { CreateIntegrationAuthentication } from '../../../application/integration-authentication/create-integration-authentication.use-case';
import { GetIntegrationAuthentication } from '../../../application/integration-authentication/get-integration-authentication.use-case';
import { UpdateIntegrationAuthentication } from '../../../application/integration-authentication/update-integration-authentication.use-case';
import { IntegrationAuthenticationView } from '../../../application/ports/integration-authentication.repository';
import { SettingsInput } from '../../../domain/integration-authentication/integration-authentication-settings';
import { etagOf, expectedVersion } from '../shared/etag';
import { validateBody } from '../shared/validate-body';
import { IntegrationAuthenticationBody, statusFromWire } from './dto/integration-authentication.dto';
import { sendEnvelope } from './jfw-envelope';
import { presentIntegrationAuthentication } from './integration-authentication.presenter';

export interface IntegrationAuthenticationUseCases {
  readonly create: CreateIntegrationAuthentication;
  readonly get: GetIntegrationAuthentication;
  readonly update: UpdateIntegrationAuthentication;
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
    const body = validateBody(IntegrationAuthenticationBody, ctx.request.body);
    const view = await useCases.create.execute({ brandId: ctx.state.brandId, settings: settingsFromBody(body) });
    ctx.set('Location', `/api/v1${base}/${view.authentication.id}`);
    answer(ctx, 201, view);
  });

  router.get(`${base}/:id`, async (ctx) => {
    answer(ctx, 200, await useCases.get.execute({ brandId: ctx.state.brandId, id: ctx.params.id }));
  });

  router.put(`${base}/:id`, async (ctx) => {
    const version = expectedVersion(ctx);
    const body = validateBody(IntegrationAuthenticationBody, ctx.request.body);
    const view = await useCases.update.execute({
      brandId: ctx.state.brandId,
      id: ctx.params.id,
      settings: settingsFromBody(body),
      expectedVersion: version,
    });
    answer(ctx, 200, view);
  });
}
