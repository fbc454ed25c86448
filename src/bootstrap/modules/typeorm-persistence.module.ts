import { token } from '../../application/ports/token';
import { ContainerModule } from 'inversify';
import { bindBuilt, bindValue } from './bind-use-case';
import { DataSource } from 'typeorm';
import { APP_INTEGRATION_CATALOG } from '../../application/ports/app-integration-catalog';
import { AUDIT_TRAIL } from '../../application/ports/audit-trail';
import { BRAND_REPOSITORY } from '../../application/ports/brand.repository';
import { INTEGRATION_AUTHENTICATION_REPOSITORY } from '../../application/ports/integration-authentication.repository';
import { ACCESS_REQUEST_REPOSITORY } from '../../application/ports/access-request.repository';
import { API_PRODUCT_REPOSITORY } from '../../application/ports/api-product.repository';
import { PORTAL_ADMIN_REPOSITORY } from '../../application/ports/portal-admin.repository';
import { PORTAL_APP_REPOSITORY } from '../../application/ports/portal-app.repository';
import { PORTAL_USER_REPOSITORY } from '../../application/ports/portal-user.repository';
import { SECRET_CIPHER } from '../../application/ports/secret-cipher';
import { STORED_SECRETS_REPOSITORY } from '../../application/ports/stored-secrets.repository';
import { UNREADABLE_SECRET_REPORTER } from '../../application/ports/unreadable-secret.reporter';
import { TypeOrmAppIntegrationCatalog } from '../../adapters/persistence/typeorm/jfw/typeorm-app-integration.catalog';
import { TypeOrmBrandRepository } from '../../adapters/persistence/typeorm/jfw/typeorm-brand.repository';
import { TypeOrmIntegrationAuthenticationRepository } from '../../adapters/persistence/typeorm/jfw/typeorm-integration-authentication.repository';
import { TypeOrmAccessRequestRepository } from '../../adapters/persistence/typeorm/portal/typeorm-access-request.repository';
import { TypeOrmApiProductRepository } from '../../adapters/persistence/typeorm/portal/typeorm-api-product.repository';
import { TypeOrmPortalAdminRepository } from '../../adapters/persistence/typeorm/portal/typeorm-portal-admin.repository';
import { TypeOrmPortalAppRepository } from '../../adapters/persistence/typeorm/portal/typeorm-portal-app.repository';
import { TypeOrmPortalUserRepository } from '../../adapters/persistence/typeorm/portal/typeorm-portal-user.repository';
import { IDENTITY_PROVIDER_REPOSITORY } from '../../application/ports/identity-provider.repository';
import { DCR_SYNC_STORE } from '../../application/ports/dcr-sync.store';
import { TypeOrmIdentityProviderRepository } from '../../adapters/persistence/typeorm/identity-provider/typeorm-identity-provider.repository';
import { TypeOrmDcrSyncStore } from '../../adapters/persistence/typeorm/dcr/typeorm-dcr-sync.store';
import { TypeOrmStoredSecretsRepository } from '../../adapters/persistence/typeorm/typeorm-stored-secrets.repository';
import { TypeOrmAuditTrail } from '../../adapters/persistence/typeorm/typeorm-audit-trail';
import { TypeOrmRetentionStore } from '../../adapters/persistence/typeorm/typeorm-retention.store';
import { TypeOrmWebhookDeliveryStore } from '../../adapters/persistence/typeorm/webhooks/typeorm-webhook-delivery.store';
import { TypeOrmWebhookSubscriptionRepository } from '../../adapters/persistence/typeorm/webhooks/typeorm-webhook-subscription.repository';
import { RETENTION_STORE } from '../../application/ports/retention.store';
import { OUTBOX_EVENTS } from '../../application/ports/event-subscriber';
import { translatingJobQueueRefusals } from '../../adapters/persistence/typeorm/job-queue-refusal';
import { TypeOrmOutboxEvents } from '../../adapters/persistence/typeorm/webhooks/typeorm-outbox-events';
import { WEBHOOK_DELIVERY_STORE } from '../../application/ports/webhook-delivery.store';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY } from '../../application/ports/webhook-subscription.repository';

export const DATA_SOURCE = token<DataSource>('DataSource');

/** Every adapter's job queue refusals (42501 on graphile_worker) become JobQueueRefusedError, which the surfaces answer 503. */
const guarded = translatingJobQueueRefusals;

/** PostgreSQL through TypeORM, on a DataSource the host initialised. */
export function typeOrmPersistenceModule(dataSource: DataSource): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindValue(bind, DATA_SOURCE, dataSource);
    bindValue(bind, APP_INTEGRATION_CATALOG, guarded(new TypeOrmAppIntegrationCatalog(dataSource)));
    bindValue(bind, BRAND_REPOSITORY, guarded(new TypeOrmBrandRepository(dataSource)));
    bindBuilt(bind, INTEGRATION_AUTHENTICATION_REPOSITORY, (cipher, reporter) => guarded(new TypeOrmIntegrationAuthenticationRepository(dataSource, cipher, reporter)), [SECRET_CIPHER, UNREADABLE_SECRET_REPORTER]);
    bindValue(bind, PORTAL_USER_REPOSITORY, guarded(new TypeOrmPortalUserRepository(dataSource)));
    bindValue(bind, API_PRODUCT_REPOSITORY, guarded(new TypeOrmApiProductRepository(dataSource)));
    bindBuilt(bind, PORTAL_APP_REPOSITORY, (cipher, reporter) => guarded(new TypeOrmPortalAppRepository(dataSource, cipher, reporter)), [SECRET_CIPHER, UNREADABLE_SECRET_REPORTER]);
    bindValue(bind, PORTAL_ADMIN_REPOSITORY, guarded(new TypeOrmPortalAdminRepository(dataSource)));
    bindBuilt(bind, ACCESS_REQUEST_REPOSITORY, (cipher, reporter) => guarded(new TypeOrmAccessRequestRepository(dataSource, cipher, reporter)), [SECRET_CIPHER, UNREADABLE_SECRET_REPORTER]);
    bindValue(bind, STORED_SECRETS_REPOSITORY, guarded(new TypeOrmStoredSecretsRepository(dataSource)));
    bindValue(bind, AUDIT_TRAIL, guarded(new TypeOrmAuditTrail(dataSource)));
    bindBuilt(bind, WEBHOOK_SUBSCRIPTION_REPOSITORY, (cipher) => guarded(new TypeOrmWebhookSubscriptionRepository(dataSource, cipher)), [SECRET_CIPHER]);
    bindBuilt(bind, WEBHOOK_DELIVERY_STORE, (cipher) => guarded(new TypeOrmWebhookDeliveryStore(dataSource, cipher)), [SECRET_CIPHER]);
    bindValue(bind, RETENTION_STORE, guarded(new TypeOrmRetentionStore(dataSource)));
    bindValue(bind, OUTBOX_EVENTS, guarded(new TypeOrmOutboxEvents(dataSource)));
    bindBuilt(bind, IDENTITY_PROVIDER_REPOSITORY, (cipher, reporter) => guarded(new TypeOrmIdentityProviderRepository(dataSource, cipher, reporter)), [SECRET_CIPHER, UNREADABLE_SECRET_REPORTER]);
    bindBuilt(bind, DCR_SYNC_STORE, (cipher) => guarded(new TypeOrmDcrSyncStore(dataSource, cipher)), [SECRET_CIPHER]);
  });
}
