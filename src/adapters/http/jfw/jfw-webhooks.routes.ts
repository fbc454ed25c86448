import type { RouterContext } from '@koa/router';
import { CreateWebhookSubscription } from '../../../application/webhooks/create-webhook-subscription.use-case';
import { DeleteWebhookSubscription } from '../../../application/webhooks/delete-webhook-subscription.use-case';
import { GetWebhookSubscription } from '../../../application/webhooks/get-webhook-subscription.use-case';
import { ListWebhookDeliveries } from '../../../application/webhooks/list-webhook-deliveries.use-case';
import { ListWebhookSubscriptions } from '../../../application/webhooks/list-webhook-subscriptions.use-case';
import { RetryWebhookDelivery } from '../../../application/webhooks/retry-webhook-delivery.use-case';
import { UpdateWebhookSubscription } from '../../../application/webhooks/update-webhook-subscription.use-case';
import { WebhookScope, WebhookSubscription } from '../../../domain/webhooks/webhook-subscription';
import { JfwRouteDoc, ref } from '../openapi/route-docs';
import { brandKeyChange } from '../shared/change-context';
import { etagOf, expectedVersion } from '../shared/etag';
import { route, RouteEntry } from '../shared/route-table';
import { validateBody, validateQuery } from '../shared/validate-body';
import { PagingQuery } from './dto/paging-query.dto';
import { WebhookSubscriptionBody, WebhookSubscriptionPatchBody } from './dto/webhook-subscription.dto';
import { presentPage } from './jfw-page.presenter';
import { sendEnvelope } from './jfw-envelope';
import { presentWebhookDelivery, presentWebhookSubscription } from './webhook.presenter';

const WEBHOOKS = '/webhooks';
const ONE_WEBHOOK = `${WEBHOOKS}/:id`;

/** The authenticated brand: every webhook route stays inside it. */
const scopeOf = (ctx: RouterContext): WebhookScope => ({ surface: 'jfw', brandId: ctx.state.brandId as string });

/** One subscription with its version as the ETag (the creation answer adds the secret). */
function answer(ctx: RouterContext, status: number, subscription: WebhookSubscription, secret?: string): void {
  ctx.set('ETag', etagOf(subscription.version));
  sendEnvelope(ctx, status, secret === undefined ? presentWebhookSubscription(subscription) : { ...presentWebhookSubscription(subscription), secret });
}

/** The JFramework surface's webhook routes (part of JFW_ROUTES). */
export const JFW_WEBHOOK_ROUTES: readonly RouteEntry<JfwRouteDoc>[] = [
  route({
    method: 'post', path: WEBHOOKS, useCase: CreateWebhookSubscription,
    doc: {
      operationId: 'createWebhook', summary: "Subscribe a URL to the brand's events (at most 20 per brand; 409 WebhookLimitReached beyond); the secret is answered this once", status: 201,
      data: ref('WebhookSubscriptionCreated'), body: 'WebhookSubscriptionBody', errors: [400, 401, 409, 413, 415, 500, 503],
      requestExamples: { updates: { value: { url: 'https://hooks.example.com/ih', eventTypes: ['integration-authentication.updated'] } } },
    },
    handle: async (create, ctx) => {
      const body = validateBody(WebhookSubscriptionBody, ctx.request.body);
      const { subscription, secret } = await create.execute({ scope: scopeOf(ctx), ...body, change: brandKeyChange(ctx) });
      ctx.set('Location', `/api/v1${WEBHOOKS}/${subscription.id}`);
      answer(ctx, 201, subscription, secret);
    },
  }),
  route({
    method: 'get', path: WEBHOOKS, useCase: ListWebhookSubscriptions,
    doc: {
      operationId: 'listWebhooks', summary: "The brand's webhook subscriptions (at most 20), oldest first", status: 200,
      data: ref('WebhookSubscriptionPage'), query: 'PagingQuery', errors: [400, 401, 500, 503],
    },
    handle: async (subscriptions, ctx) => {
      const query = validateQuery(PagingQuery, ctx.query);
      sendEnvelope(ctx, 200, presentPage(await subscriptions.execute({ scope: scopeOf(ctx), ...query }), presentWebhookSubscription));
    },
  }),
  route({
    method: 'get', path: ONE_WEBHOOK, useCase: GetWebhookSubscription,
    doc: { operationId: 'getWebhook', summary: 'Get a webhook subscription', status: 200, data: ref('WebhookSubscription'), etag: true, errors: [401, 404, 500, 503] },
    handle: async (get, ctx) => answer(ctx, 200, await get.execute({ scope: scopeOf(ctx), id: ctx.params.id! })),
  }),
  route({
    method: 'patch', path: ONE_WEBHOOK, useCase: UpdateWebhookSubscription,
    doc: {
      operationId: 'patchWebhook', summary: 'Change a webhook subscription (JSON Merge Patch); enabled: true after a 410 turns delivery on again', status: 200,
      data: ref('WebhookSubscription'), body: 'WebhookSubscriptionPatchBody', bodyTypes: ['application/merge-patch+json', 'application/json'],
      conditional: true, errors: [400, 401, 404, 412, 413, 415, 500, 503],
    },
    handle: async (update, ctx) => {
      const version = expectedVersion(ctx);
      const changes = validateBody(WebhookSubscriptionPatchBody, ctx.request.body);
      answer(ctx, 200, await update.execute({ scope: scopeOf(ctx), id: ctx.params.id!, changes, expectedVersion: version, change: brandKeyChange(ctx) }));
    },
  }),
  route({
    method: 'delete', path: ONE_WEBHOOK, useCase: DeleteWebhookSubscription,
    doc: {
      operationId: 'deleteWebhook', summary: 'Delete a webhook subscription and its deliveries', status: 200, data: ref('DeletedId'),
      conditional: true, errors: [401, 404, 412, 500, 503],
    },
    handle: async (remove, ctx) => {
      await remove.execute({ scope: scopeOf(ctx), id: ctx.params.id!, expectedVersion: expectedVersion(ctx), change: brandKeyChange(ctx) });
      sendEnvelope(ctx, 200, { id: ctx.params.id });
    },
  }),
  route({
    method: 'get', path: `${ONE_WEBHOOK}/deliveries`, useCase: ListWebhookDeliveries,
    doc: {
      operationId: 'listWebhookDeliveries', summary: 'The deliveries, newest first, each with its attempts and next attempt', status: 200,
      data: ref('WebhookDeliveryPage'), query: 'PagingQuery', errors: [400, 401, 404, 500, 503],
    },
    handle: async (deliveries, ctx) => {
      const query = validateQuery(PagingQuery, ctx.query);
      const page = await deliveries.execute({ scope: scopeOf(ctx), subscriptionId: ctx.params.id!, ...query });
      sendEnvelope(ctx, 200, presentPage(page, presentWebhookDelivery));
    },
  }),
  route({
    method: 'post', path: `${ONE_WEBHOOK}/deliveries/:deliveryId/retry`, useCase: RetryWebhookDelivery,
    doc: {
      operationId: 'retryWebhookDelivery', summary: 'Attempt a delivery again now, on a new 24 h schedule (also a delivered one)', status: 202,
      data: ref('WebhookDelivery'), errors: [401, 404, 409, 500, 503],
    },
    handle: async (retry, ctx) => {
      const delivery = await retry.execute({
        scope: scopeOf(ctx), subscriptionId: ctx.params.id!, deliveryId: ctx.params.deliveryId!, change: brandKeyChange(ctx),
      });
      sendEnvelope(ctx, 202, presentWebhookDelivery(delivery));
    },
  }),
];
