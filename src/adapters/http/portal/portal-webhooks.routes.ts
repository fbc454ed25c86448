import type { RouterContext } from '@koa/router';
import { CreateWebhookSubscription } from '../../../application/webhooks/create-webhook-subscription.use-case';
import { DeleteWebhookSubscription } from '../../../application/webhooks/delete-webhook-subscription.use-case';
import { GetWebhookSubscription } from '../../../application/webhooks/get-webhook-subscription.use-case';
import { ListWebhookDeliveries } from '../../../application/webhooks/list-webhook-deliveries.use-case';
import { ListWebhookSubscriptions } from '../../../application/webhooks/list-webhook-subscriptions.use-case';
import { RetryWebhookDelivery } from '../../../application/webhooks/retry-webhook-delivery.use-case';
import { UpdateWebhookSubscription } from '../../../application/webhooks/update-webhook-subscription.use-case';
import { WebhookScope, WebhookSubscription } from '../../../domain/webhooks/webhook-subscription';
import { PortalRouteDoc, ref } from '../openapi/route-docs';
import { portalAdminChange } from '../shared/change-context';
import { etagOf, expectedVersion } from '../shared/etag';
import { route, RouteEntry } from '../shared/route-table';
import { validateBody } from '../shared/validate-body';
import { PortalWebhookCreateBody, PortalWebhookUpdateBody } from './dto/portal-webhook.dto';
import { pathId } from './portal-http-error';
import { pagingOf, sendPage } from './portal-paging';
import { PORTAL_PREFIX } from './portal-prefix';
import { presentPortalWebhook, presentPortalWebhookDelivery } from './portal-webhook.presenter';

const PORTAL: WebhookScope = { surface: 'portal' };
const WEBHOOKS = '/webhooks';
const ONE_WEBHOOK = `${WEBHOOKS}/:webhook_id`;
const list = (name: string) => ({ type: 'array', items: ref(name) });
const webhookId = (ctx: RouterContext) => String(pathId(ctx.params.webhook_id, 'Webhook'));
// A bigint kept as its decimal string (a Number rounds past 2^53); the use case answers 404 WebhookDeliveryNotFound for
// anything that names no delivery, as on JFramework, never the 422 of an unknown id named by a write.
const deliveryId = (ctx: RouterContext) => ctx.params.delivery_id!;

/** One subscription with its version as the ETag (the creation answer adds the Secret). */
function answer(ctx: RouterContext, status: number, subscription: WebhookSubscription, secret?: string): void {
  ctx.status = status;
  ctx.set('ETag', etagOf(subscription.version));
  ctx.body = secret === undefined ? presentPortalWebhook(subscription) : { ...presentPortalWebhook(subscription), Secret: secret };
}

/** The portal's webhook routes (part of PORTAL_ROUTES): portal events only, for its admins. */
export const PORTAL_WEBHOOK_ROUTES: readonly RouteEntry<PortalRouteDoc>[] = [
  route({
    method: 'post', path: WEBHOOKS, useCase: CreateWebhookSubscription,
    doc: {
      operationId: 'createWebhook', summary: 'Subscribe a URL to portal events (at most 20; 422 beyond); Secret is answered this once', status: 201,
      answer: ref('PortalWebhookCreated'), body: 'PortalWebhookCreateBody', unprocessable: 'Errors',
    },
    handle: async (create, ctx) => {
      const body = validateBody(PortalWebhookCreateBody, ctx.request.body);
      const { subscription, secret } = await create.execute({ scope: PORTAL, url: body.URL, eventTypes: body.EventTypes, description: body.Description, change: portalAdminChange(ctx) });
      ctx.set('Location', `${PORTAL_PREFIX}${WEBHOOKS}/${subscription.id}`);
      answer(ctx, 201, subscription, secret);
    },
  }),
  route({
    method: 'get', path: WEBHOOKS, useCase: ListWebhookSubscriptions,
    doc: { operationId: 'listWebhooks', summary: 'The portal\'s webhook subscriptions (at most 20), oldest first', answer: list('PortalWebhook'), paged: true },
    handle: async (subscriptions, ctx) => sendPage(ctx, await subscriptions.execute({ scope: PORTAL, ...pagingOf(ctx) }), presentPortalWebhook),
  }),
  route({
    method: 'get', path: ONE_WEBHOOK, useCase: GetWebhookSubscription,
    doc: { operationId: 'getWebhook', summary: 'Get a webhook subscription', answer: ref('PortalWebhook'), etag: true },
    handle: async (get, ctx) => answer(ctx, 200, await get.execute({ scope: PORTAL, id: webhookId(ctx) })),
  }),
  route({
    method: 'patch', path: ONE_WEBHOOK, useCase: UpdateWebhookSubscription,
    doc: {
      operationId: 'updateWebhook', summary: 'Change a webhook subscription (the fields given); Enabled: true after a 410 turns delivery on again',
      answer: ref('PortalWebhook'), body: 'PortalWebhookUpdateBody', unprocessable: 'Errors', notFound: true, conditional: true,
    },
    handle: async (update, ctx) => {
      const id = webhookId(ctx);
      const version = expectedVersion(ctx);
      const body = validateBody(PortalWebhookUpdateBody, ctx.request.body);
      const changes = { url: body.URL, eventTypes: body.EventTypes, description: body.Description, enabled: body.Enabled };
      answer(ctx, 200, await update.execute({ scope: PORTAL, id, changes, expectedVersion: version, change: portalAdminChange(ctx) }));
    },
  }),
  route({
    method: 'delete', path: ONE_WEBHOOK, useCase: DeleteWebhookSubscription,
    doc: { operationId: 'deleteWebhook', summary: 'Delete a webhook subscription and its deliveries', answer: ref('StatusOk'), conditional: true },
    handle: async (remove, ctx) => {
      const id = webhookId(ctx);
      await remove.execute({ scope: PORTAL, id, expectedVersion: expectedVersion(ctx), change: portalAdminChange(ctx) });
      ctx.body = { status: 'ok' };
    },
  }),
  route({
    method: 'get', path: `${ONE_WEBHOOK}/deliveries`, useCase: ListWebhookDeliveries,
    doc: {
      operationId: 'listWebhookDeliveries', summary: 'The deliveries, newest first, each with its attempts and next attempt',
      answer: list('PortalWebhookDelivery'), paged: true,
    },
    handle: async (deliveries, ctx) => {
      const subscriptionId = webhookId(ctx);
      sendPage(ctx, await deliveries.execute({ scope: PORTAL, subscriptionId, ...pagingOf(ctx) }), presentPortalWebhookDelivery);
    },
  }),
  route({
    method: 'post', path: `${ONE_WEBHOOK}/deliveries/:delivery_id/retry`, useCase: RetryWebhookDelivery,
    doc: {
      operationId: 'retryWebhookDelivery', summary: 'Attempt a delivery again now, on a new 24 h schedule (also a delivered one)', status: 202,
      answer: ref('PortalWebhookDelivery'), unprocessable: 'Errors', notFound: true,
    },
    handle: async (retry, ctx) => {
      const delivery = await retry.execute({ scope: PORTAL, subscriptionId: webhookId(ctx), deliveryId: deliveryId(ctx), change: portalAdminChange(ctx) });
      ctx.status = 202;
      ctx.body = presentPortalWebhookDelivery(delivery);
    },
  }),
];
