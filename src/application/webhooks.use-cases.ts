/**
 * Webhooks: the subscriptions both surfaces manage (each within its scope:
 * a brand, or the portal) and the jobs the queue runs for delivery — the one
 * list of them (see jfw.use-cases.ts for what it drives).
 */
export * from './webhooks/create-webhook-subscription.use-case';
export * from './webhooks/delete-webhook-subscription.use-case';
export * from './webhooks/deliver-webhook-attempt.use-case';
export * from './webhooks/dispatch-outbox-event.use-case';
export * from './webhooks/get-webhook-subscription.use-case';
export * from './webhooks/list-webhook-deliveries.use-case';
export * from './webhooks/list-webhook-subscriptions.use-case';
export * from './webhooks/notify-event-subscriber.use-case';
export * from './webhooks/register-event-subscribers.use-case';
export * from './webhooks/retry-webhook-delivery.use-case';
export * from './webhooks/update-webhook-subscription.use-case';
