import { DataSource } from 'typeorm';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { AttemptRecord, DueAttempt, WebhookDeliveryStore } from '../../../../application/ports/webhook-delivery.store';
import { WEBHOOK_DELIVERY_JOB_CHANGE } from '../../../../application/shared/webhook-delivery-audit';
import { actorParams } from '../audit-sql';

/** The AES-GCM associated data of a subscription's secret: a ciphertext copied to another subscription does not decrypt. */
export function webhookSecretContext(subscriptionId: string): string {
  return `webhook-subscription:${subscriptionId}`;
}

interface DueRow {
  id: string;
  attempts: number;
  status: string;
  schedule_started_at: Date;
  event_id: string;
  body: string;
  url: string;
  secret: string;
  subscription_id: string;
  disabled_at: Date | null;
}

/*
 * One statement: the attempt (once: the primary key drops a second record of
 * the same attempt), the delivery's new state, and — only when the attempt
 * row was new and the delivery still pending — the next attempt's job, or
 * ($9, a 410 Gone) the subscription disabled with its audit entry
 * (`updated` webhook-subscription by the delivery job, enabled true → false,
 * no event). A subscription already disabled (a PATCH while the attempt was
 * on the wire) is left as it is: no change, so no version move and no entry.
 * Nothing at all when the delivery is gone: its subscription was deleted
 * while the attempt was on the wire. The delivery row is locked (KEY SHARE)
 * before the insert, so a delete that commits meanwhile either waits for
 * this statement or leaves no row to insert for, never a foreign-key error.
 * `recorded` is read by the final SELECT: a CTE that only calls a function
 * runs when something reads it (the data-modifying ones always run).
 */
const RECORD_SQL = `
  WITH delivery AS (
    SELECT id FROM webhook_deliveries WHERE id = $1 FOR KEY SHARE),
  attempt AS (
    INSERT INTO webhook_delivery_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
    SELECT id, $2::smallint, $3::timestamptz, $4::smallint, $5::varchar, $6::integer FROM delivery
    ON CONFLICT DO NOTHING RETURNING delivery_id),
  updated AS (
    UPDATE webhook_deliveries d SET attempts = $2, status = $7, next_attempt_at = $8, updated_at = $3
      FROM attempt WHERE d.id = attempt.delivery_id AND d.status = 'pending' RETURNING d.id, d.subscription_id),
  disabled AS (
    UPDATE webhook_subscriptions s SET disabled_at = $3, version = s.version + 1, updated_at = $3
      FROM updated WHERE $9 AND s.id = updated.subscription_id AND s.disabled_at IS NULL RETURNING s.id, s.surface, s.brand_id),
  recorded AS (
    SELECT ih_record_change($3, surface, brand_id, $10, $11, 'updated', 'webhook-subscription', id,
             '[{"field": "enabled", "from": true, "to": false}]'::jsonb, $12, NULL, NULL) AS audit_id
      FROM disabled)
  SELECT id, CASE WHEN $8::timestamptz IS NOT NULL THEN ih_schedule_webhook_attempt(id, $2 + 1, $8) END AS queued,
         (SELECT count(*) FROM recorded) AS recorded
    FROM updated`;

/** Deliveries in PostgreSQL; the queue is reached only through the SQL functions of the audit-and-outbox migration. */
export class TypeOrmWebhookDeliveryStore implements WebhookDeliveryStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {}

  async dispatch(eventId: string, at: Date): Promise<number> {
    const rows: { queued: number }[] = await this.dataSource.query(`SELECT ih_dispatch_event($1, $2) AS queued`, [eventId, at]);
    return Number(rows[0].queued);
  }

  async dueAttempt(deliveryId: string, attempt: number): Promise<DueAttempt | null> {
    const rows: DueRow[] = await this.dataSource.query(
      `SELECT d.id, d.attempts, d.status, d.schedule_started_at, e.id AS event_id, e.body,
              s.id AS subscription_id, s.url, s.secret, s.disabled_at
         FROM webhook_deliveries d
         JOIN outbox_events e ON e.id = d.event_id
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    const row = rows[0];
    // Exactly the attempt after the last one recorded: an older job or a duplicate finds nothing to do.
    if (row === undefined || row.status !== 'pending' || row.disabled_at !== null || row.attempts !== attempt - 1) return null;
    return {
      deliveryId: String(row.id),
      attempt,
      eventId: row.event_id,
      body: row.body,
      url: row.url,
      secret: this.cipher.decrypt(row.secret, webhookSecretContext(row.subscription_id)),
      scheduleStartedAt: row.schedule_started_at,
    };
  }

  async recordAttempt(record: AttemptRecord): Promise<void> {
    const status = record.result === 'retrying' ? 'pending' : record.result === 'gone' ? 'failed' : record.result;
    await this.dataSource.query(RECORD_SQL, [
      record.deliveryId, record.attempt, record.at, record.statusCode, record.error, record.durationMs, status, record.nextAttemptAt,
      record.result === 'gone', ...actorParams(WEBHOOK_DELIVERY_JOB_CHANGE),
    ]);
  }
}
