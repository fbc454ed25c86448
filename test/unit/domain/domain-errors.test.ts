import { expect } from 'chai';
import {
  IdentityProviderNotAllowed,
  IdentityProviderProtocolViolation,
  IdentityProviderRefused,
  IdentityProviderUnreachable,
} from '../../../src/application/ports/identity-provider-errors';
import { AppIntegrationNotFoundError } from '../../../src/domain/app-integration/app-integration-errors';
import { BrandKeyNotFoundError, BrandNotFoundError, BrandUrlTakenError, CredentialNotRecognisedError } from '../../../src/domain/brand/brand-errors';
import {
  IntegrationAuthenticationCodeTakenError,
  IntegrationAuthenticationUnusableError,
  IntegrationAuthenticationNotFoundError,
} from '../../../src/domain/integration-authentication/integration-authentication-errors';
import { AccessRequestNotFoundError, AccessRequestNotPendingError, CredentialNotFoundError } from '../../../src/domain/access-request/access-request-errors';
import { ApiProductNotFoundError } from '../../../src/domain/api-product/api-product-errors';
import { EmailTakenError, PortalUserNotFoundError, UserOwnsAppsError } from '../../../src/domain/portal-user/portal-user-errors';
import { NoProductsError, PortalAppNotFoundError, ProductsOfDifferentAuthTypesError, RedirectUrlsInUseError } from '../../../src/domain/portal-app/portal-app-errors';
import { PortalAdminEmailTakenError, PortalAdminNotFoundError } from '../../../src/domain/portal-admin/portal-admin-errors';
import { DomainError, ValidationError, VersionMismatchError } from '../../../src/domain/shared/domain-error';
import { WebhookSubscriptionLimitError } from '../../../src/domain/webhooks/subscription-limit';

/*
 * The codes are the contract between the domain and each surface's error
 * mapping (and the messages reach callers), so each one is pinned here:
 * a renamed code or a garbled message fails a test, not a client.
 */
// Each error is made inside its test, so a broken constructor fails that test, not the loading of the file.
const cases: { make: () => DomainError; name: string; code: string; message: string }[] = [
  { make: () => new ValidationError([{ field: 'name', message: 'must not be blank' }, { field: 'code', message: 'is required' }]), name: 'ValidationError', code: 'ValidationFailed', message: 'name: must not be blank; code: is required' },
  { make: () => new ValidationError([]), name: 'ValidationError', code: 'ValidationFailed', message: 'Validation failed' },
  { make: () => new VersionMismatchError(), name: 'VersionMismatchError', code: 'VersionMismatch', message: 'The resource was changed since it was read' },
  { make: () => new CredentialNotRecognisedError(), name: 'CredentialNotRecognisedError', code: 'CredentialNotRecognised', message: 'The Brand-URL and Auth-Key do not match an active key' },
  { make: () => new BrandUrlTakenError('acme.example.com'), name: 'BrandUrlTakenError', code: 'BrandUrlTaken', message: 'A brand with URL acme.example.com already exists' },
  { make: () => new BrandKeyNotFoundError('acme.example.com', undefined), name: 'BrandKeyNotFoundError', code: 'BrandKeyNotFound', message: 'Brand acme.example.com has no active key' },
  { make: () => new BrandKeyNotFoundError('acme.example.com', 'Key000000000000001'), name: 'BrandKeyNotFoundError', code: 'BrandKeyNotFound', message: 'Brand acme.example.com has no active key Key000000000000001' },
  { make: () => new BrandNotFoundError('acme.example.com'), name: 'BrandNotFoundError', code: 'BrandNotFound', message: 'No brand has URL acme.example.com' },
  { make: () => new AppIntegrationNotFoundError('GoogleSignIn000001'), name: 'AppIntegrationNotFoundError', code: 'AppIntegrationNotFound', message: 'The app integration does not exist' },
  { make: () => new IntegrationAuthenticationNotFoundError(), name: 'IntegrationAuthenticationNotFoundError', code: 'AppIntegrationAuthenticationNotFound', message: 'The app integration authentication does not exist' },
  { make: () => new IntegrationAuthenticationCodeTakenError('GOOGLE'), name: 'IntegrationAuthenticationCodeTakenError', code: 'IntegrationAuthenticationCodeTaken', message: 'Another authentication of this brand already uses this code' },
  { make: () => new IntegrationAuthenticationUnusableError('no authEndpoint'), name: 'IntegrationAuthenticationUnusableError', code: 'IntegrationAuthenticationUnusable', message: 'no authEndpoint' },
  { make: () => new PortalAppNotFoundError(7), name: 'PortalAppNotFoundError', code: 'PortalAppNotFound', message: 'App 7 not found' },
  { make: () => new RedirectUrlsInUseError(12, ['authorization_code', 'implicit']), name: 'RedirectUrlsInUseError', code: 'RedirectUrlsInUse', message: 'RedirectURLs: must not be emptied while credential 12 is registered at an identity provider for authorization_code, implicit' },
  { make: () => new PortalUserNotFoundError(8), name: 'PortalUserNotFoundError', code: 'PortalUserNotFound', message: 'User 8 not found' },
  { make: () => new ApiProductNotFoundError(9), name: 'ApiProductNotFoundError', code: 'ApiProductNotFound', message: 'Product 9 not found' },
  { make: () => new AccessRequestNotFoundError(10), name: 'AccessRequestNotFoundError', code: 'AccessRequestNotFound', message: 'Access request 10 not found' },
  { make: () => new AccessRequestNotPendingError(11, 'approved'), name: 'AccessRequestNotPendingError', code: 'AccessRequestNotPending', message: 'Access request 11 is approved, not pending' },
  { make: () => new CredentialNotFoundError(12), name: 'CredentialNotFoundError', code: 'CredentialNotFound', message: 'Credential 12 not found' },
  { make: () => new UserOwnsAppsError(13), name: 'UserOwnsAppsError', code: 'UserOwnsApps', message: 'User 13 owns apps and cannot be deleted' },
  { make: () => new EmailTakenError('ada@example.com'), name: 'EmailTakenError', code: 'EmailTaken', message: 'Email ada@example.com is already in use' },
  { make: () => new NoProductsError(), name: 'NoProductsError', code: 'NoProducts', message: 'At least one product is required' },
  { make: () => new ProductsOfDifferentAuthTypesError(['oauth2', 'authToken']), name: 'ProductsOfDifferentAuthTypesError', code: 'ProductsOfDifferentAuthTypes', message: 'Products must share one auth type, got oauth2, authToken' },
  { make: () => new PortalAdminNotFoundError('admin@example.com'), name: 'PortalAdminNotFoundError', code: 'PortalAdminNotFound', message: 'No portal admin has email admin@example.com' },
  { make: () => new PortalAdminEmailTakenError('admin@example.com'), name: 'PortalAdminEmailTakenError', code: 'PortalAdminEmailTaken', message: 'A portal admin with email admin@example.com already exists' },
  { make: () => new IdentityProviderRefused(400, 'invalid_redirect_uri', 'redirect_uris[0] is not allowed'), name: 'IdentityProviderRefused', code: 'IdentityProviderRefused', message: 'The identity provider refused the request (400 invalid_redirect_uri: redirect_uris[0] is not allowed)' },
  { make: () => new IdentityProviderRefused(401, 'http_401', null), name: 'IdentityProviderRefused', code: 'IdentityProviderRefused', message: 'The identity provider refused the request (401 http_401)' },
  { make: () => new IdentityProviderUnreachable('connect ECONNREFUSED', false), name: 'IdentityProviderUnreachable', code: 'IdentityProviderUnreachable', message: 'The identity provider could not be reached (connect ECONNREFUSED)' },
  { make: () => new IdentityProviderProtocolViolation('no client_id'), name: 'IdentityProviderProtocolViolation', code: 'IdentityProviderProtocolViolation', message: "The identity provider's answer breaks the protocol (no client_id)" },
  { make: () => new WebhookSubscriptionLimitError(), name: 'WebhookSubscriptionLimitError', code: 'WebhookSubscriptionLimitReached', message: 'At most 20 webhook subscriptions per owner; delete one first' },
  { make: () => new IdentityProviderNotAllowed('private address'), name: 'IdentityProviderNotAllowed', code: 'IdentityProviderNotAllowed', message: "The identity provider's address is not allowed (private address)" },
];

describe('domain errors: stable codes and the messages callers read', () => {
  for (const { make, name, code, message } of cases) {
    it(`${name} carries code ${code} and says "${message}"`, () => {
      const error = make();
      expect(error).to.be.instanceOf(DomainError);
      expect(error).to.be.instanceOf(Error);
      expect(error.name).to.equal(name);
      expect(error.code).to.equal(code);
      expect(error.message).to.equal(message);
    });
  }

  it('keeps what each error is about for the surfaces that report it', () => {
    expect(new BrandKeyNotFoundError('acme.example.com', 'k1')).to.include({ url: 'acme.example.com', keyId: 'k1' });
    expect(new IntegrationAuthenticationCodeTakenError('GOOGLE')).to.include({ takenCode: 'GOOGLE' });
    expect(new AccessRequestNotPendingError(11, 'rejected')).to.include({ accessRequestId: 11, status: 'rejected' });
    expect(new ProductsOfDifferentAuthTypesError(['oauth2', 'basicAuth']).authTypes).to.deep.equal(['oauth2', 'basicAuth']);
    expect(ValidationError.single('url', 'must be a host name').violations).to.deep.equal([{ field: 'url', message: 'must be a host name' }]);
  });

  it('tells the outbox job which identity-provider failures are worth another try', () => {
    expect(new IdentityProviderRefused(400, 'invalid_client_metadata', null)).to.include({ retryable: false, status: 400, error: 'invalid_client_metadata', errorDescription: null });
    expect(new IdentityProviderUnreachable('timeout', true)).to.include({ retryable: true, requestMayHaveArrived: true });
    expect(new IdentityProviderProtocolViolation('not JSON').retryable).to.equal(false);
    expect(new IdentityProviderNotAllowed('plain http').retryable).to.equal(false);
  });
});
