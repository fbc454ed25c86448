import Router from '@koa/router';
import { GetAppIntegration } from '../../../application/app-integration/get-app-integration.use-case';
import { ListAppIntegrations } from '../../../application/app-integration/list-app-integrations.use-case';
import { etagOfContent } from '../shared/etag';
import { validateQuery } from '../shared/validate-body';
import { AppIntegrationListQuery } from './dto/list-query.dto';
import { presentAppIntegration, presentPage } from './integration-authentication.presenter';
import { sendEnvelope } from './jfw-envelope';

export interface AppIntegrationUseCases {
  readonly list: ListAppIntegrations;
  readonly get: GetAppIntegration;
}

/**
 * /api/v1/app-integrations[/{id}] — the shared catalog, read-only here.
 * Registered after the authentication routes, so `/app-integrations/authentication`
 * is never taken for a catalog id.
 */
export function appIntegrationRoutes(router: Router, useCases: AppIntegrationUseCases): void {
  router.get('/app-integrations', async (ctx) => {
    const query = validateQuery(AppIntegrationListQuery, ctx.query);
    const page = await useCases.list.execute(query);
    sendEnvelope(ctx, 200, presentPage(page, (entry) => presentAppIntegration(entry.props)));
  });

  router.get('/app-integrations/:id', async (ctx) => {
    const entry = await useCases.get.execute({ id: ctx.params.id });
    const data = presentAppIntegration(entry.props);
    // Catalog entries never change once created: the ETag is a digest of the representation.
    ctx.set('ETag', etagOfContent(data));
    sendEnvelope(ctx, 200, data);
  });
}
