import { DataSource } from 'typeorm';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { NewWebhookSubscription, WebhookDeliveryView, WebhookSubscriptionRepository } from '../../../../application/ports/webhook-subscription.repository';
import {
  WebhookDeliveryNotFoundError, WebhookScope, WebhookSubscription, WebhookSubscriptionChanges, WebhookSubscriptionDisabledError,
  WebhookSubscriptionNotFoundError,
} from '../../../../domain/webhooks/webhook-subscription';
import { checkWebhookDeliveryId } from '../../../../domain/webhooks/webhook-subscription-id';
import { MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER, WebhookSubscriptionLimitError } from '../../../../domain/webhooks/subscription-limit';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { Page, PageSlice } from '../../../../application/ports/page';
import { actorParams } from '../audit-sql';
import { CountedRow, totalBehind, totalItems } from '../paging-sql';
import { pgPool, queryKeepingConnection } from '../pool-query';
import { webhookSecretContext } from './typeorm-webhook-delivery.store';
import { pageOfDeliveries, retryDeliveryOf, RowQuery } from './webhook-delivery.queries';
import { COLUMNS, columnsOf, S_COLUMNS, SubscriptionRow, toSubscription } from './webhook-subscription-row.sql';

/** $1 surface, $2 brand (null for the portal): the scope every statement stays in. */
const IN_SCOPE = `surface = $1 AND brand_id IS NOT DISTINCT FROM $2`;

/** What the audit entry compares, under the surface's field names (the secret only as changed, on creation). */
const AUDITED = (row: string) =>
  `jsonb_build_object('url', ${row}.url, 'eventTypes', to_jsonb(${row}.event_types), 'description', ${row}.description, 'enabled', ${row}.disabled_at IS NULL)`;
const AUDITED_FIELDS = `ARRAY['url', 'eventTypes', 'description', 'enabled']`;

function scopeParams(scope: WebhookScope): [string, string | null] {
  return [scope.surface, scope.surface === 'jfw' ? scope.brandId : null];
}

/** Subscriptions in PostgreSQL; the secret is a SecretCipher ciphertext bound to the subscription's id. */
export class TypeOrmWebhookSubscriptionRepository implements WebhookSubscriptionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {}

  /** What totalBehind counts with, when a page past the end has no row to carry the total. */
  private readonly counter = { query: (sql: string, params: unknown[] = []) => this.rows<{ n: string }>(sql, params) };

  /** Straight to the pool: TypeORM's query() answers [rows, count] for UPDATE/DELETE … RETURNING. */
  private async rows<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await queryKeepingConnection(pgPool(this.dataSource), { text: sql, values: params as unknown[] })).rows as Row[];
  }

  /** The same round trip, for the delivery statements of webhook-delivery.queries. */
  private readonly query: RowQuery = (sql, params) => this.rows(sql, params);

  async create(s: NewWebhookSubscription, change: ChangeContext): Promise<WebhookSubscription> {
    // Portal ids are integers like every portal id; the ciphertext is bound to the id, so it is taken first.
    const id = s.scope.surface === 'jfw'
      ? s.id!
      : String((await this.rows<{ id: string }>(`SELECT nextval('webhook_subscriptions_portal_ids') AS id`))[0].id);
    // The write and its audit entry in one statement; no row when the owner is at the cap (the slot is claimed under its lock).
    const rows = await this.rows<SubscriptionRow>(
      `WITH s AS (
         INSERT INTO webhook_subscriptions (id, surface, brand_id, url, event_types, description, secret, created_at, updated_at)
         SELECT $3, $1, $2, $4, $5, $6, $7, $8, $8 WHERE ih_claim_webhook_subscription_slot($1, $2, $12) RETURNING *)
       SELECT ${S_COLUMNS}, ih_record_change(s.created_at, s.surface, s.brand_id, $9, $10, 'created', 'webhook-subscription', s.id,
                ih_changes(NULL, ${AUDITED('s')}, ${AUDITED_FIELDS}) || '[{"field":"secret","changed":true}]'::jsonb, $11, NULL, NULL)
         FROM s`,
      [...scopeParams(s.scope), id, s.url, s.eventTypes, s.description, this.cipher.encrypt(s.secret, webhookSecretContext(id)), s.at, ...actorParams(change),
        MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER],
    );
    if (rows.length === 0) throw new WebhookSubscriptionLimitError();
    return toSubscription(rows[0]);
  }

  async list(scope: WebhookScope, page: PageSlice): Promise<Page<WebhookSubscription>> {
    const count = { from: 'webhook_subscriptions', where: IN_SCOPE };
    const rows = await this.rows<SubscriptionRow & CountedRow>(
      `SELECT ${COLUMNS}, ${totalItems(count)} FROM webhook_subscriptions WHERE ${IN_SCOPE} ORDER BY created_at, id LIMIT $3 OFFSET $4`,
      [...scopeParams(scope), page.limit, page.offset]);
    return { items: rows.map(toSubscription), total: await totalBehind(rows, this.counter, count, scopeParams(scope)) };
  }

  async get(scope: WebhookScope, id: string): Promise<WebhookSubscription> {
    const rows = await this.rows<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE ${IN_SCOPE} AND id = $3`, [...scopeParams(scope), id]);
    if (rows.length === 0) throw new WebhookSubscriptionNotFoundError();
    return toSubscription(rows[0]);
  }

  async update(
    scope: WebhookScope, id: string, changes: WebhookSubscriptionChanges, at: Date, change: ChangeContext, expectedVersions?: readonly number[],
  ): Promise<WebhookSubscription> {
    // Absent fields keep their value (coalesce over a null parameter); description's null clears it, so it has a flag.
    // `old` locks the row, so the entry's "from" values are those of the row this statement changes. The If-Match
    // guard ($13) is checked against that locked, current row, in the write's own statement. A change that leaves
    // every field as it is (`{}`, or each field at its current value) writes nothing — no version, no entry — and
    // answers the row as it is (`kept`), still only past the If-Match guard.
    const rows = await this.rows<SubscriptionRow>(
      `WITH old AS (SELECT * FROM webhook_subscriptions WHERE ${IN_SCOPE} AND id = $3 FOR UPDATE),
       new AS (
         SELECT old.id, coalesce($4, old.url) AS url, coalesce($5, old.event_types) AS event_types,
                CASE WHEN $6 THEN $7 ELSE old.description END AS description,
                CASE WHEN $8::boolean IS NULL THEN old.disabled_at WHEN $8 THEN NULL ELSE coalesce(old.disabled_at, $9) END AS disabled_at
           FROM old WHERE $13::integer[] IS NULL OR old.version = ANY($13)),
       s AS (
         UPDATE webhook_subscriptions w SET url = new.url, event_types = new.event_types, description = new.description,
            disabled_at = new.disabled_at, version = w.version + 1, updated_at = $9
           FROM new WHERE w.id = new.id
            AND (w.url, w.event_types, w.description, w.disabled_at) IS DISTINCT FROM (new.url, new.event_types, new.description, new.disabled_at)
         RETURNING w.*),
       written AS (
         SELECT ${S_COLUMNS}, ih_record_change($9, s.surface, s.brand_id, $10, $11, 'updated', 'webhook-subscription', s.id,
                  ih_changes(${AUDITED('old')}, ${AUDITED('s')}, ${AUDITED_FIELDS}), $12, NULL, NULL)
           FROM s CROSS JOIN old),
       kept AS (
         SELECT ${columnsOf('old')}, NULL::bigint FROM old JOIN new ON new.id = old.id WHERE NOT EXISTS (SELECT 1 FROM s))
       SELECT * FROM written UNION ALL SELECT * FROM kept`,
      [
        ...scopeParams(scope), id, changes.url ?? null, changes.eventTypes ?? null,
        changes.description !== undefined, changes.description ?? null, changes.enabled ?? null, at, ...actorParams(change),
        expectedVersions ?? null,
      ],
    );
    if (rows.length > 0) return toSubscription(rows[0]);
    throw await this.whyNotWritten(scope, id, expectedVersions);
  }

  async delete(scope: WebhookScope, id: string, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    const rows = await this.rows<unknown>(
      `WITH s AS (DELETE FROM webhook_subscriptions WHERE ${IN_SCOPE} AND id = $3 AND ($8::integer[] IS NULL OR version = ANY($8)) RETURNING *)
       SELECT ih_record_change($4, s.surface, s.brand_id, $5, $6, 'deleted', 'webhook-subscription', s.id,
                ih_changes(${AUDITED('s')}, NULL, ${AUDITED_FIELDS}), $7, NULL, NULL)
         FROM s`,
      [...scopeParams(scope), id, at, ...actorParams(change), expectedVersions ?? null]);
    if (rows.length === 0) throw await this.whyNotWritten(scope, id, expectedVersions);
  }

  /** Only after a write matched no row: a stale If-Match when the subscription is there, else not found. */
  private async whyNotWritten(scope: WebhookScope, id: string, expectedVersions?: readonly number[]): Promise<Error> {
    if (expectedVersions === undefined) return new WebhookSubscriptionNotFoundError();
    const found = await this.rows<unknown>(`SELECT 1 FROM webhook_subscriptions WHERE ${IN_SCOPE} AND id = $3`, [...scopeParams(scope), id]);
    return found.length > 0 ? new VersionMismatchError() : new WebhookSubscriptionNotFoundError();
  }

  async listDeliveries(scope: WebhookScope, subscriptionId: string, page: PageSlice): Promise<Page<WebhookDeliveryView>> {
    await this.get(scope, subscriptionId);
    return pageOfDeliveries(this.query, subscriptionId, page);
  }

  async retryDelivery(scope: WebhookScope, subscriptionId: string, deliveryId: string, at: Date, change: ChangeContext): Promise<WebhookDeliveryView> {
    checkWebhookDeliveryId(deliveryId);
    const retried = await retryDeliveryOf(this.query, scopeParams(scope), subscriptionId, deliveryId, at, change);
    if (retried !== null) return retried;
    // Only after the write retried nothing: which of its conditions failed (the subscription's, or the delivery's).
    const subscription = await this.get(scope, subscriptionId);
    throw subscription.disabledAt !== null ? new WebhookSubscriptionDisabledError() : new WebhookDeliveryNotFoundError();
  }
}
