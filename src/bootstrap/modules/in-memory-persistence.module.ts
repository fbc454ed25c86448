import { ContainerModule } from 'inversify';
import { bindValue } from './bind-use-case';
import { APP_INTEGRATION_CATALOG } from '../../application/ports/app-integration-catalog';
import { AUDIT_TRAIL } from '../../application/ports/audit-trail';
import { BRAND_REPOSITORY } from '../../application/ports/brand.repository';
import { INTEGRATION_AUTHENTICATION_REPOSITORY } from '../../application/ports/integration-authentication.repository';
import { ACCESS_REQUEST_REPOSITORY } from '../../application/ports/access-request.repository';
import { API_PRODUCT_REPOSITORY } from '../../application/ports/api-product.repository';
import { PORTAL_ADMIN_REPOSITORY } from '../../application/ports/portal-admin.repository';
import { PORTAL_APP_REPOSITORY } from '../../application/ports/portal-app.repository';
import { PORTAL_USER_REPOSITORY } from '../../application/ports/portal-user.repository';
import { STORED_SECRETS_REPOSITORY } from '../../application/ports/stored-secrets.repository';
import { InMemoryAppIntegrationCatalog } from '../../adapters/persistence/in-memory/jfw/in-memory-app-integration.catalog';
import { InMemoryBrandRepository } from '../../adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryIntegrationAuthenticationRepository } from '../../adapters/persistence/in-memory/jfw/in-memory-integration-authentication.repository';
import { InMemoryStoredSecretsRepository } from '../../adapters/persistence/in-memory/in-memory-stored-secrets.repository';
import { IDENTITY_PROVIDER_REPOSITORY } from '../../application/ports/identity-provider.repository';
import { DCR_SYNC_STORE } from '../../application/ports/dcr-sync.store';
import { InMemoryDcrSyncStore } from '../../adapters/persistence/in-memory/dcr/in-memory-dcr-sync.store';
import { InMemoryIdentityProviderRepository } from '../../adapters/persistence/in-memory/identity-provider/in-memory-identity-provider.repository';
import { InMemoryAuditTrail } from '../../adapters/persistence/in-memory/in-memory-audit-trail';
import { createInMemoryPortalRepositories } from '../../adapters/persistence/in-memory/portal/in-memory-portal.repositories';
import { InMemoryRetentionStore } from '../../adapters/persistence/in-memory/webhooks/in-memory-retention.store';
import { InMemoryWebhookDeliveryStore } from '../../adapters/persistence/in-memory/webhooks/in-memory-webhook-delivery.store';
import { InMemoryWebhookSubscriptionRepository } from '../../adapters/persistence/in-memory/webhooks/in-memory-webhook-subscription.repository';
import { RETENTION_STORE } from '../../application/ports/retention.store';
import { OUTBOX_EVENTS } from '../../application/ports/event-subscriber';
import { InMemoryOutboxEvents } from '../../adapters/persistence/in-memory/webhooks/in-memory-outbox-events';
import { WEBHOOK_DELIVERY_STORE } from '../../application/ports/webhook-delivery.store';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY } from '../../application/ports/webhook-subscription.repository';

/** Process-local stores with the same contract as PostgreSQL: for tests and demos. */
export function inMemoryPersistenceModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    // One audit trail behind every store, as the tables are one for every PostgreSQL repository.
    const audit = new InMemoryAuditTrail();
    bindValue(bind, AUDIT_TRAIL, audit);
    const catalog = new InMemoryAppIntegrationCatalog([], audit);
    bindValue(bind, APP_INTEGRATION_CATALOG, catalog);
    bindValue(bind, BRAND_REPOSITORY, new InMemoryBrandRepository(audit));
    bindValue(bind, INTEGRATION_AUTHENTICATION_REPOSITORY, new InMemoryIntegrationAuthenticationRepository(catalog, audit));
    // One store behind all portal repositories, so cross-table writes stay atomic.
    const portal = createInMemoryPortalRepositories(undefined, audit);
    bindValue(bind, PORTAL_USER_REPOSITORY, portal.users);
    bindValue(bind, API_PRODUCT_REPOSITORY, portal.products);
    bindValue(bind, PORTAL_APP_REPOSITORY, portal.apps);
    bindValue(bind, ACCESS_REQUEST_REPOSITORY, portal.accessRequests);
    bindValue(bind, PORTAL_ADMIN_REPOSITORY, portal.admins);
    // The in-memory stores hold no ciphertexts, so there is nothing to re-encrypt.
    bindValue(bind, STORED_SECRETS_REPOSITORY, new InMemoryStoredSecretsRepository(audit));
    bindValue(bind, WEBHOOK_SUBSCRIPTION_REPOSITORY, new InMemoryWebhookSubscriptionRepository(audit));
    bindValue(bind, WEBHOOK_DELIVERY_STORE, new InMemoryWebhookDeliveryStore());
    bindValue(bind, RETENTION_STORE, new InMemoryRetentionStore());
    bindValue(bind, OUTBOX_EVENTS, new InMemoryOutboxEvents());
    bindValue(bind, IDENTITY_PROVIDER_REPOSITORY, new InMemoryIdentityProviderRepository(audit));
    bindValue(bind, DCR_SYNC_STORE, new InMemoryDcrSyncStore());
  });
}
