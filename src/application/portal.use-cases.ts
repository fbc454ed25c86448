/**
 * The developer portal's use cases: the one list of them (see
 * jfw.use-cases.ts for what it drives).
 */
export * from './access-request/approve-access-request.use-case';
export * from './portal-admin/authenticate-portal-admin.use-case';
export * from './api-product/create-api-product.use-case';
export * from './portal-admin/create-portal-admin.use-case';
export * from './portal-app/create-portal-app.use-case';
export * from './portal-user/create-portal-user.use-case';
export * from './access-request/delete-access-request.use-case';
export * from './portal-app/delete-portal-app.use-case';
export * from './portal-user/delete-portal-user.use-case';
export * from './access-request/get-access-request.use-case';
export * from './api-product/get-api-product.use-case';
export * from './access-request/get-app-access-request.use-case';
export * from './portal-app/get-portal-app.use-case';
export * from './portal-user/get-portal-user.use-case';
export * from './access-request/list-access-request-credentials.use-case';
export * from './access-request/list-access-requests.use-case';
export * from './api-product/list-api-products.use-case';
export * from './access-request/list-app-access-requests.use-case';
export * from './portal-app/list-portal-apps.use-case';
export * from './portal-user/list-portal-users.use-case';
export * from './portal-app/provision-portal-app.use-case';
export * from './access-request/reject-access-request.use-case';
export * from './portal-admin/revoke-portal-admin.use-case';
export * from './access-request/rotate-credential.use-case';
export * from './portal-app/update-portal-app.use-case';
export * from './portal-user/update-portal-user.use-case';
export * from './portal-app/portal-app.view';
export * from './identity-provider/create-identity-provider.use-case';
export * from './identity-provider/list-identity-providers.use-case';
export * from './audit/list-portal-audit-entries.use-case';
export * from './dcr/sync-dcr-credential.use-case';
