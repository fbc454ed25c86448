/**
 * The developer portal's use cases: the one list of them (see
 * jfw.use-cases.ts for what it drives).
 */
export * from './portal/approve-access-request.use-case';
export * from './portal/authenticate-portal-admin.use-case';
export * from './portal/create-api-product.use-case';
export * from './portal/create-portal-admin.use-case';
export * from './portal/create-portal-app.use-case';
export * from './portal/create-portal-user.use-case';
export * from './portal/delete-access-request.use-case';
export * from './portal/delete-portal-app.use-case';
export * from './portal/delete-portal-user.use-case';
export * from './portal/get-access-request.use-case';
export * from './portal/get-api-product.use-case';
export * from './portal/get-app-access-request.use-case';
export * from './portal/get-portal-app.use-case';
export * from './portal/get-portal-user.use-case';
export * from './portal/list-access-request-credentials.use-case';
export * from './portal/list-access-requests.use-case';
export * from './portal/list-api-products.use-case';
export * from './portal/list-app-access-requests.use-case';
export * from './portal/list-portal-apps.use-case';
export * from './portal/list-portal-users.use-case';
export * from './portal/provision-portal-app.use-case';
export * from './portal/reject-access-request.use-case';
export * from './portal/revoke-portal-admin.use-case';
export * from './portal/rotate-credential.use-case';
export * from './portal/update-portal-app.use-case';
export * from './portal/update-portal-user.use-case';
export * from './portal/portal-app.view';
export * from './identity-provider/create-identity-provider.use-case';
export * from './identity-provider/list-identity-providers.use-case';
