import { ChangeContext } from '../../../../domain/audit/change-context';
import { fieldChanges } from '../../../../domain/audit/recorded-change';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { Page, PageSlice } from '../../../../application/ports/page';
import { NewWebhookSubscription, WebhookDeliveryView, WebhookSubscriptionRepository } from '../../../../application/ports/webhook-subscription.repository';
import {
  WebhookDeliveryNotFoundError, WebhookScope, WebhookSubscription, WebhookSubscriptionChanges, WebhookSubscriptionDisabledError,
  WebhookSubscriptionNotFoundError,
} from '../../../../domain/webhooks/webhook-subscription';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';
import { MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER, WebhookSubscriptionLimitError } from '../../../../domain/webhooks/subscription-limit';
import { pageOf } from '../../../../application/shared/paged-items';

const AUDITED = ['url', 'eventTypes', 'description', 'enabled'];
const audited = (s: WebhookSubscription) => ({ url: s.url, eventTypes: s.eventTypes, description: s.description, enabled: s.disabledAt === null });
const brandOf = (scope: WebhookScope) => (scope.surface === 'jfw' ? scope.brandId : null);

function sameScope(a: WebhookScope, b: WebhookScope): boolean {
  return a.surface === b.surface && (a.surface === 'portal' || (b.surface === 'jfw' && a.brandId === b.brandId));
}

function sameFields(a: WebhookSubscription, b: WebhookSubscription): boolean {
  return a.url === b.url && a.description === b.description && a.disabledAt?.getTime() === b.disabledAt?.getTime()
    && a.eventTypes.length === b.eventTypes.length && a.eventTypes.every((type, i) => type === b.eventTypes[i]);
}

/**
 * Subscriptions in process memory, with the PostgreSQL adapter's contract.
 * Nothing is ever delivered in memory (there is no queue), so the delivery
 * list is always empty and no delivery id is known.
 */
export class InMemoryWebhookSubscriptionRepository implements WebhookSubscriptionRepository {
  private readonly rows = new Map<string, { subscription: WebhookSubscription; secret: string }>();
  private portalIds = 0;

  constructor(private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail()) {}

  async create(s: NewWebhookSubscription, change: ChangeContext): Promise<WebhookSubscription> {
    // Counted and inserted with no await between, as the PostgreSQL adapter does under the owner's lock.
    if (this.inScope(s.scope).length >= MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER) throw new WebhookSubscriptionLimitError();
    const id = s.scope.surface === 'jfw' ? s.id! : String(++this.portalIds);
    const subscription: WebhookSubscription = {
      id, scope: s.scope, url: s.url, eventTypes: [...s.eventTypes], description: s.description,
      createdAt: s.at, updatedAt: s.at, disabledAt: null, version: 1,
    };
    this.rows.set(id, { subscription, secret: s.secret });
    this.audit.record(change, {
      at: s.at, surface: s.scope.surface, brandId: brandOf(s.scope), action: 'created', resource: { type: 'webhook-subscription', id },
      changes: [...fieldChanges(null, audited(subscription), AUDITED), { field: 'secret', changed: true }],
    });
    return subscription;
  }

  async list(scope: WebhookScope, page: PageSlice): Promise<Page<WebhookSubscription>> {
    const all = this.inScope(scope);
    return pageOf(all, page);
  }

  private inScope(scope: WebhookScope): WebhookSubscription[] {
    return [...this.rows.values()].map((row) => row.subscription).filter((s) => sameScope(s.scope, scope));
  }

  async get(scope: WebhookScope, id: string): Promise<WebhookSubscription> {
    return this.current(scope, id);
  }

  /** Read and checked with no await before the write that follows, as the PostgreSQL adapter checks in its statement. */
  private current(scope: WebhookScope, id: string, expectedVersions?: readonly number[]): WebhookSubscription {
    const row = this.rows.get(id);
    if (row === undefined || !sameScope(row.subscription.scope, scope)) throw new WebhookSubscriptionNotFoundError();
    if (!versionSatisfies(row.subscription.version, expectedVersions)) throw new VersionMismatchError();
    return row.subscription;
  }

  async update(
    scope: WebhookScope, id: string, changes: WebhookSubscriptionChanges, at: Date, change: ChangeContext, expectedVersions?: readonly number[],
  ): Promise<WebhookSubscription> {
    const current = this.current(scope, id, expectedVersions);
    const disabledAt = changes.enabled === undefined ? current.disabledAt : changes.enabled ? null : (current.disabledAt ?? at);
    const next: WebhookSubscription = {
      ...current,
      url: changes.url ?? current.url,
      eventTypes: changes.eventTypes !== undefined ? [...changes.eventTypes] : current.eventTypes,
      description: changes.description !== undefined ? changes.description : current.description,
      disabledAt,
      updatedAt: at,
      version: current.version + 1,
    };
    // Every field as it was: nothing written, no version, no entry (as the PostgreSQL adapter's `kept` row).
    if (sameFields(current, next)) return current;
    this.rows.set(id, { ...this.rows.get(id)!, subscription: next });
    this.audit.record(change, {
      at, surface: scope.surface, brandId: brandOf(scope), action: 'updated', resource: { type: 'webhook-subscription', id },
      changes: fieldChanges(audited(current), audited(next), AUDITED),
    });
    return next;
  }

  async delete(scope: WebhookScope, id: string, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    const current = this.current(scope, id, expectedVersions);
    this.rows.delete(id);
    this.audit.record(change, {
      at, surface: scope.surface, brandId: brandOf(scope), action: 'deleted', resource: { type: 'webhook-subscription', id },
      changes: fieldChanges(audited(current), null, AUDITED),
    });
  }

  async listDeliveries(scope: WebhookScope, subscriptionId: string): Promise<Page<WebhookDeliveryView>> {
    await this.get(scope, subscriptionId);
    return { items: [], total: 0 };
  }

  async retryDelivery(scope: WebhookScope, subscriptionId: string): Promise<WebhookDeliveryView> {
    // Read and checked with no await, as the PostgreSQL adapter checks `enabled` in its write: no disable slips in between.
    if (this.current(scope, subscriptionId).disabledAt !== null) throw new WebhookSubscriptionDisabledError();
    throw new WebhookDeliveryNotFoundError();
  }
}
