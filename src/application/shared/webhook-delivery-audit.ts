import { ChangeContext } from '../../domain/audit/change-context';

/**
 * Who disables a subscription whose receiver answered 410 Gone: the delivery
 * job itself (its task, as the SQL queues it), as the dcr-sync job is the
 * actor of its write-backs. No request, so no correlation id.
 */
export const WEBHOOK_DELIVERY_JOB_CHANGE: ChangeContext = { actor: { kind: 'job', id: 'ih_deliver_webhook' }, correlationId: null };
