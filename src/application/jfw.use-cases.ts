/**
 * The JFramework surface's use cases: the one list of them. The bootstrap
 * binds every class exported here (from its static `ports`), the HTTP route
 * table resolves them, and the package entry re-exports this module, so a
 * new use case is added here once.
 */
export * from './app-integration/create-app-integration.use-case';
export * from './app-integration/get-app-integration.use-case';
export * from './app-integration/list-app-integrations.use-case';
export * from './brand/authenticate-brand.use-case';
export * from './brand/create-brand-key.use-case';
export * from './brand/create-brand.use-case';
export * from './brand/revoke-brand-keys.use-case';
export * from './integration-authentication/build-authorization-url.use-case';
export * from './integration-authentication/create-integration-authentication.use-case';
export * from './integration-authentication/delete-integration-authentication.use-case';
export * from './integration-authentication/get-integration-authentication.use-case';
export * from './integration-authentication/list-integration-authentications.use-case';
export * from './integration-authentication/patch-integration-authentication.use-case';
export * from './integration-authentication/update-integration-authentication.use-case';
export * from './audit/get-integration-authentication-history.use-case';
export * from './audit/list-brand-audit-entries.use-case';
