import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * A delivery job's payload carries the delivery id as a decimal string.
 * webhook_deliveries.id is a bigint; json_build_object wrote it as a JSON
 * number, which the job runner reads with JSON.parse into a double: an id
 * past 2^53 came back as another number, the job was refused as malformed
 * and the delivery never ran. `p_delivery_id::text` keeps every int8 exact.
 * The job table still takes a safe-integer number, for the jobs queued before
 * this migration (docs/events-and-audit.md, "Attempts").
 *
 * Only the payload changes; the owner lookup, flags and job key are those of
 * 1771000000000-fair-job-queue, which `down` restores.
 */
const SCHEDULE_ATTEMPT = (deliveryId: 'p_delivery_id::text' | 'p_delivery_id') => `
  CREATE OR REPLACE FUNCTION ih_schedule_webhook_attempt(p_delivery_id bigint, p_attempt integer, p_run_at timestamptz)
  RETURNS boolean LANGUAGE plpgsql AS $$
  DECLARE owner text;
  BEGIN
    SELECT coalesce('brand:' || s.brand_id, s.surface) INTO owner
      FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = p_delivery_id;
    PERFORM graphile_worker.add_job('ih_deliver_webhook',
      json_build_object('deliveryId', ${deliveryId}, 'attempt', p_attempt),
      run_at := p_run_at, max_attempts := 5, job_key := 'webhook-delivery:' || p_delivery_id,
      flags := ARRAY['webhook', 'webhook-owner:' || coalesce(owner, 'unknown')]);
    RETURN true;
  END $$`;

export class ExactDeliveryIdsInJobs1772000000000 implements MigrationInterface {
  name = 'ExactDeliveryIdsInJobs1772000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(SCHEDULE_ATTEMPT('p_delivery_id::text'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(SCHEDULE_ATTEMPT('p_delivery_id'));
  }
}
