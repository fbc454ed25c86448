import { DeliverWebhookAttempt } from '../../application/webhooks/deliver-webhook-attempt.use-case';
import { DispatchOutboxEvent } from '../../application/webhooks/dispatch-outbox-event.use-case';
import type { JobHandler } from './graphile-worker.job-runner';

/** Task identifiers as the SQL functions of the audit-and-outbox migration queue them. */
export const DISPATCH_EVENT_TASK = 'ih_dispatch_event';
export const DELIVER_WEBHOOK_TASK = 'ih_deliver_webhook';

/** A payload the SQL did not write: logged by the queue as a failed job, never run with guesses. */
class MalformedPayload extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The jobs of webhook delivery, mapped to their use cases. */
export function webhookJobHandlers(dispatch: DispatchOutboxEvent, deliver: DeliverWebhookAttempt): Record<string, JobHandler> {
  return {
    [DISPATCH_EVENT_TASK]: async (payload) => {
      if (!isRecord(payload) || typeof payload.eventId !== 'string') throw new MalformedPayload(`${DISPATCH_EVENT_TASK}: no eventId`);
      await dispatch.execute({ eventId: payload.eventId });
    },
    [DELIVER_WEBHOOK_TASK]: async (payload) => {
      // deliveryId is a bigint: json_build_object writes it as a number, which stays exact below 2^53.
      if (!isRecord(payload) || !Number.isSafeInteger(payload.deliveryId) || !Number.isSafeInteger(payload.attempt)) {
        throw new MalformedPayload(`${DELIVER_WEBHOOK_TASK}: no deliveryId or attempt`);
      }
      await deliver.execute({ deliveryId: String(payload.deliveryId), attempt: payload.attempt as number });
    },
  };
}
