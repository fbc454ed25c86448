import { token } from './token';
/** What the service needs to know of an identity provider to register clients there. */
export interface DiscoveredIdentityProvider {
  /** The issuer, exactly as the provider's metadata states it. */
  readonly issuer: string;
  readonly registrationEndpoint: string;
  readonly authorizationEndpoint: string | null;
  readonly tokenEndpoint: string | null;
}

/**
 * Reads an issuer's OpenID Provider metadata (OpenID Connect Discovery 1.0,
 * `<issuer>/.well-known/openid-configuration`). Used once, when an identity
 * provider is created; the registration endpoint is stored with it.
 *
 * Fails with `IdentityProviderUnreachable`, `IdentityProviderRefused` (a 4xx
 * answer) or `IdentityProviderProtocolViolation` (the metadata names another
 * issuer, or has no `registration_endpoint`).
 */
export interface IdentityProviderDiscovery {
  discover(issuer: string): Promise<DiscoveredIdentityProvider>;
}

export const IDENTITY_PROVIDER_DISCOVERY = token<IdentityProviderDiscovery>('IdentityProviderDiscovery');
