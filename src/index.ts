/**
 * integration-hub as a library: the use cases with their command and result
 * types, the domain errors, the ports with their tokens, the container
 * modules of each adapter set, and `createContainer`. A host calls the use
 * cases directly (no HTTP) on its own DataSource or its own adapters.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

// Domain: entities, value objects and typed errors
export * from './domain/app-integration/app-integration-errors';
export * from './domain/app-integration/app-integration';
export * from './domain/brand/brand-errors';
export * from './domain/brand/brand-url';
export * from './domain/brand/brand';
export * from './domain/identity-provider/identity-provider-errors';
export * from './domain/identity-provider/identity-provider';
export * from './domain/integration-authentication/integration-authentication-errors';
export * from './domain/integration-authentication/integration-authentication-settings';
export * from './domain/integration-authentication/integration-authentication';
export * from './domain/access-request/access-request';
export * from './domain/api-product/api-product';
export * from './domain/api-product/auth-type';
export * from './domain/access-request/credential';
export * from './domain/portal-admin/portal-admin';
export * from './domain/portal-app/portal-app';
export * from './domain/portal-user/portal-email';
export * from './domain/portal-app/portal-app-errors';
export * from './domain/portal-user/portal-user-errors';
export * from './domain/api-product/api-product-errors';
export * from './domain/access-request/access-request-errors';
export * from './domain/portal-admin/portal-admin-errors';
export * from './domain/portal-user/portal-user';
export * from './domain/portal-app/redirect-url-list';
export * from './domain/portal-user/user-role';
export * from './domain/portal-app/visibility';
export * from './domain/shared/domain-error';
export * from './domain/webhooks/webhook-subscription';
// Every write command carries a ChangeContext; the audit trail answers AuditEntry and OutboxEvent.
export * from './domain/audit/change-context';
export * from './domain/audit/audit-entry';
export type { RetrySchedule } from './domain/webhooks/retry-schedule';
export type { ExpectedVersion } from './domain/shared/version-precondition';
export type { AuthorizationRequestOverrides } from './domain/integration-authentication/authorization-url';

// Ports and their tokens
export * from './application/ports/app-integration-catalog';
export * from './application/ports/audit-trail';
export * from './application/ports/auth-change-feed';
export * from './application/ports/brand.repository';
export * from './application/ports/client-registration';
export * from './application/ports/clock';
export * from './application/ports/dcr-sync-settings';
export * from './application/ports/dcr-sync.store';
export * from './application/ports/id-generator';
export * from './application/ports/identity-provider-discovery';
export * from './application/ports/identity-provider-errors';
export * from './application/ports/job-queue-errors';
export * from './application/ports/identity-provider.repository';
export * from './application/ports/integration-authentication.repository';
export * from './application/ports/access-request.repository';
export * from './application/ports/api-product.repository';
export * from './application/ports/event-subscriber';
export * from './application/ports/outbound-http';
export * from './application/ports/page';
export type { PageAnswer, PageRequest } from './application/shared/jfw-paging';
export type { PagingCommand } from './application/shared/portal-paging';
export type { WebhookListPaging } from './application/webhooks/webhook-list-paging';
export * from './application/ports/portal-admin.repository';
export * from './application/ports/portal-app.repository';
export * from './application/ports/portal-user.repository';
export * from './application/ports/retention.store';
export * from './application/ports/secret-cipher';
export * from './application/ports/stored-secrets.repository';
export * from './application/ports/token-generator';
export * from './application/ports/token';
export * from './application/ports/unreadable-secret.reporter';
export * from './application/ports/webhook-delivery.store';
export * from './application/ports/webhook-signer';
export * from './application/ports/webhook-subscription.repository';

// Use cases, one registry per surface (the same lists the container binds)
export * from './application/jfw.use-cases';
export * from './application/portal.use-cases';
export * from './application/operations.use-cases';
export * from './application/webhooks.use-cases';

// Composition
export { createContainer } from './bootstrap/container';
export type { ContainerOptions, PersistenceOption } from './bootstrap/container';
export { systemModule } from './bootstrap/modules/system.module';
export { typeOrmPersistenceModule, DATA_SOURCE } from './bootstrap/modules/typeorm-persistence.module';
export { inMemoryPersistenceModule } from './bootstrap/modules/in-memory-persistence.module';
export { jfwUseCasesModule } from './bootstrap/modules/jfw-use-cases.module';
export { portalUseCasesModule } from './bootstrap/modules/portal-use-cases.module';
export { secretsUseCasesModule } from './bootstrap/modules/secrets-use-cases.module';
export { authCacheModule } from './bootstrap/modules/auth-cache.module';
export { webhooksModule } from './bootstrap/modules/webhooks.module';
export type { WebhookOptions } from './bootstrap/modules/webhooks.module';
export type { RefusedAddressFields } from './adapters/outbound-http/safe-outbound-http';
export { webhooksUseCasesModule } from './bootstrap/modules/webhooks-use-cases.module';
export { startJobRunner } from './bootstrap/job-runner';
export type { JobRunnerOptions } from './bootstrap/job-runner';
export { GraphileWorkerJobRunner } from './adapters/job-queue/graphile-worker.job-runner';
export type { GraphileWorkerJobRunnerOptions, JobHandler, JobLog, JobRunnerState } from './adapters/job-queue/graphile-worker.job-runner';
export type { FlagLimit } from './adapters/job-queue/flag-limits';
export { JOBS, WEBHOOK_JOBS, job } from './adapters/job-queue/job-table';
export type { JobEntry, ResolveUseCase, UseCaseKey } from './adapters/job-queue/job-table';
export { JFW_USE_CASES, PORTAL_USE_CASES, OPERATIONS_USE_CASES, WEBHOOKS_USE_CASES, ALL_USE_CASES } from './bootstrap/modules/use-case-registry';
export type { UseCaseClass } from './bootstrap/modules/use-case-registry';
export { createDataSource, MigrationFailedError } from './adapters/persistence/typeorm/data-source';
export { runMigrations } from './bootstrap/migrations';
export type { MigrationOptions } from './bootstrap/migrations';
export type { DataSourceOptions } from './adapters/persistence/typeorm/data-source';
export { PgAuthChangeListener } from './adapters/persistence/typeorm/pg-auth-change-listener';
export type { PgAuthChangeListenerOptions } from './adapters/persistence/typeorm/pg-auth-change-listener';
export { startEmbeddedPostgres } from './adapters/persistence/embedded-postgres/embedded-postgres-server';
export type { EmbeddedDatabase, EmbeddedPostgresOptions } from './adapters/persistence/embedded-postgres/embedded-postgres-server';
export { AesGcmSecretCipher, cipherKeyFromBase64 } from './adapters/system/aes-gcm-secret-cipher';
export type { CipherKey } from './adapters/system/aes-gcm-secret-cipher';
export { buildHttpApp } from './bootstrap/http-app.factory';
export type { HttpLogger } from './adapters/http/shared/infrastructure-errors';
export type { HttpSettings } from './bootstrap/http-app.factory';
export type { JobQueueState } from './adapters/http/operations/operations.router';
export type { RateLimitSettings } from './adapters/http/shared/rate-limits';
