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
export * from './domain/integration-authentication/integration-authentication-errors';
export * from './domain/integration-authentication/integration-authentication-settings';
export * from './domain/integration-authentication/integration-authentication';
export * from './domain/portal/access-request';
export * from './domain/portal/api-product';
export * from './domain/portal/auth-type';
export * from './domain/portal/credential';
export * from './domain/portal/portal-admin';
export * from './domain/portal/portal-app';
export * from './domain/portal/portal-email';
export * from './domain/portal/portal-errors';
export * from './domain/portal/portal-user';
export * from './domain/portal/redirect-url-list';
export * from './domain/portal/text-field';
export * from './domain/portal/user-role';
export * from './domain/portal/visibility';
export * from './domain/shared/base62-id';
export * from './domain/shared/domain-error';
export * from './domain/shared/field-violations';
export * from './domain/shared/urls';

// Ports and their tokens
export * from './application/ports/app-integration-catalog';
export * from './application/ports/auth-change-feed';
export * from './application/ports/brand.repository';
export * from './application/ports/clock';
export * from './application/ports/id-generator';
export * from './application/ports/integration-authentication.repository';
export * from './application/ports/portal/access-request.repository';
export * from './application/ports/portal/api-product.repository';
export * from './application/ports/portal/page';
export * from './application/ports/portal/portal-admin.repository';
export * from './application/ports/portal/portal-app.repository';
export * from './application/ports/portal/portal-user.repository';
export * from './application/ports/secret-cipher';
export * from './application/ports/stored-secrets.repository';
export * from './application/ports/token-generator';

// Use cases
export * from './application/app-integration/create-app-integration.use-case';
export * from './application/brand/authenticate-brand.use-case';
export * from './application/brand/revoke-brand-keys.use-case';
export * from './application/brand/create-brand-key.use-case';
export * from './application/brand/create-brand.use-case';
export * from './application/integration-authentication/create-integration-authentication.use-case';
export * from './application/integration-authentication/get-integration-authentication.use-case';
export * from './application/integration-authentication/update-integration-authentication.use-case';
export * from './application/integration-authentication/patch-integration-authentication.use-case';
export * from './application/portal/approve-access-request.use-case';
export * from './application/portal/authenticate-portal-admin.use-case';
export * from './application/portal/create-api-product.use-case';
export * from './application/portal/create-portal-admin.use-case';
export * from './application/portal/revoke-portal-admin.use-case';
export * from './application/portal/create-portal-app.use-case';
export * from './application/portal/create-portal-user.use-case';
export * from './application/portal/delete-access-request.use-case';
export * from './application/portal/delete-portal-app.use-case';
export * from './application/portal/delete-portal-user.use-case';
export * from './application/portal/get-access-request.use-case';
export * from './application/portal/get-api-product.use-case';
export * from './application/portal/get-app-access-request.use-case';
export * from './application/portal/get-portal-app.use-case';
export * from './application/portal/get-portal-user.use-case';
export * from './application/portal/list-access-request-credentials.use-case';
export * from './application/portal/list-access-requests.use-case';
export * from './application/portal/list-api-products.use-case';
export * from './application/portal/list-app-access-requests.use-case';
export * from './application/portal/list-portal-apps.use-case';
export * from './application/portal/list-portal-users.use-case';
export * from './application/portal/provision-portal-app.use-case';
export * from './application/portal/reject-access-request.use-case';
export * from './application/portal/rotate-credential.use-case';
export * from './application/portal/update-portal-app.use-case';
export * from './application/portal/update-portal-user.use-case';
export * from './application/secrets/reencrypt-secrets.use-case';

export * from './application/portal/portal-app.view';

// Composition
export { createContainer } from './bootstrap/container';
export type { ContainerOptions, PersistenceOption } from './bootstrap/container';
export { systemModule } from './bootstrap/modules/system.module';
export { typeOrmPersistenceModule, DATA_SOURCE } from './bootstrap/modules/typeorm-persistence.module';
export { inMemoryPersistenceModule } from './bootstrap/modules/in-memory-persistence.module';
export { jfwUseCasesModule } from './bootstrap/modules/jfw-use-cases.module';
export { secretsUseCasesModule } from './bootstrap/modules/secrets-use-cases.module';
export { createDataSource, MigrationFailedError, runMigrations } from './adapters/persistence/typeorm/data-source';
export type { DataSourceOptions } from './adapters/persistence/typeorm/data-source';
export { PgAuthChangeListener } from './adapters/persistence/typeorm/pg-auth-change-listener';
export type { PgAuthChangeListenerOptions } from './adapters/persistence/typeorm/pg-auth-change-listener';
export { startEmbeddedPostgres } from './adapters/persistence/embedded-postgres/embedded-postgres-server';
export type { EmbeddedDatabase, EmbeddedPostgresOptions } from './adapters/persistence/embedded-postgres/embedded-postgres-server';
export { AesGcmSecretCipher, cipherKeyFromBase64 } from './adapters/system/aes-gcm-secret-cipher';
export { buildHttpApp } from './bootstrap/http-app.factory';
