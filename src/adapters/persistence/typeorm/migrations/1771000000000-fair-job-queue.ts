import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * One owner must not hold back the others (docs/adr/0016):
 * - Every delivery job carries the flags `webhook` and
 *   `webhook-owner:brand:<id>` (or `webhook-owner:portal`), every
 *   registration job the flag `dcr`; the job runner caps the running jobs
 *   per flag (graphile-worker's forbiddenFlags), so the deliveries of a
 *   brand whose receivers hang take a few of the slots, not all of them.
 * - ih_claim_webhook_subscription_slot() lets a subscription be created only
 *   while its owner has fewer than the cap: the owner's advisory lock first,
 *   then the count, which (a statement of a volatile function) sees every
 *   subscription committed before the lock was granted, so concurrent
 *   creations cannot all pass one count.
 */
const SCHEDULE_ATTEMPT = (flagged: boolean) => `
  CREATE OR REPLACE FUNCTION ih_schedule_webhook_attempt(p_delivery_id bigint, p_attempt integer, p_run_at timestamptz)
  RETURNS boolean LANGUAGE plpgsql AS $$${flagged ? `
  DECLARE owner text;` : ''}
  BEGIN${flagged ? `
    SELECT coalesce('brand:' || s.brand_id, s.surface) INTO owner
      FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = p_delivery_id;` : ''}
    PERFORM graphile_worker.add_job('ih_deliver_webhook',
      json_build_object('deliveryId', p_delivery_id, 'attempt', p_attempt),
      run_at := p_run_at, max_attempts := 5, job_key := 'webhook-delivery:' || p_delivery_id${flagged ? `,
      flags := ARRAY['webhook', 'webhook-owner:' || coalesce(owner, 'unknown')]` : ''});
    RETURN true;
  END $$`;

const ENQUEUE_DCR_SYNC = (flagged: boolean) => `
  CREATE OR REPLACE FUNCTION ih_enqueue_dcr_sync(p_credential_id integer, p_run_at timestamptz DEFAULT NULL,
                                                 p_mode text DEFAULT 'replace') RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM graphile_worker.add_job('dcr-sync', json_build_object('credentialId', p_credential_id),
      run_at := coalesce(p_run_at, now()), job_key := 'dcr:' || p_credential_id, job_key_mode := p_mode,
      max_attempts := 25${flagged ? `, flags := ARRAY['dcr']` : ''});
  END $$`;

export class FairJobQueue1771000000000 implements MigrationInterface {
  name = 'FairJobQueue1771000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(SCHEDULE_ATTEMPT(true));
    await q.query(ENQUEUE_DCR_SYNC(true));
    await q.query(`
      CREATE FUNCTION ih_claim_webhook_subscription_slot(p_surface varchar, p_brand_id varchar, p_cap integer)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('webhook-subscriptions:' || p_surface || ':' || coalesce(p_brand_id, ''), 0));
        RETURN (SELECT count(*) FROM webhook_subscriptions
                 WHERE surface = p_surface AND brand_id IS NOT DISTINCT FROM p_brand_id) < p_cap;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ih_claim_webhook_subscription_slot`);
    await q.query(ENQUEUE_DCR_SYNC(false));
    await q.query(SCHEDULE_ATTEMPT(false));
  }
}
