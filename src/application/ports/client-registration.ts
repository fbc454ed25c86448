import { token } from './token';
/**
 * Where a client is registered: an identity provider as the registration
 * call needs it (the endpoint found by discovery, and the initial access
 * token when the provider protects registration with one).
 */
export interface RegistrationTarget {
  readonly registrationEndpoint: string;
  /** Sent as `Authorization: Bearer` on registration only (RFC 7591 §3). */
  readonly initialAccessToken?: string | null;
}

/**
 * The client metadata the service asks for (RFC 7591 §2), from the app
 * (redirect URIs, name) and the product (grant and response types, token
 * endpoint auth method, scope). Every call sends all of it: an RFC 7592 PUT
 * replaces the provider's record, it does not merge.
 */
export interface ClientMetadata {
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly tokenEndpointAuthMethod: string;
  /** Space-separated; null or absent leaves the provider's default. */
  readonly scope?: string | null;
  readonly clientName?: string | null;
  /**
   * RFC 7591 `software_id` and `software_version`. Providers that keep them
   * let an operator find a registration whose answer was lost (docs/dcr.md);
   * others drop them.
   */
  readonly softwareId?: string | null;
  readonly softwareVersion?: string | null;
}

/** A registered client as the provider last described it. */
export interface RegisteredClient {
  readonly clientId: string;
  /** Null for public clients (`token_endpoint_auth_method: none`). */
  readonly clientSecret: string | null;
  /** Seconds since the epoch; 0 = never (RFC 7591 §3.2.1); null when not stated. */
  readonly clientSecretExpiresAt: number | null;
  /** Null when the provider does not offer RFC 7592 management for this client. */
  readonly registrationAccessToken: string | null;
  readonly registrationClientUri: string | null;
  /** The metadata as the provider accepted it; it may differ from what was asked. */
  readonly metadata: ClientMetadata;
  /**
   * The provider's JSON answer, unchanged, secrets included. Callers store
   * it without the fields named in `REGISTRATION_SECRET_FIELDS`, which go to
   * encrypted columns.
   */
  readonly response: Readonly<Record<string, unknown>>;
}

/** What RFC 7592 calls need: the client's management URI and token. */
export interface RegistrationHandle {
  readonly clientId: string;
  readonly clientSecret: string | null;
  readonly registrationClientUri: string;
  readonly registrationAccessToken: string;
}

export interface SecretRotation {
  readonly client: RegisteredClient;
  /** False when the provider kept the old secret: it does not rotate through RFC 7592. */
  readonly rotated: boolean;
}

/**
 * Registers clients at an identity provider and keeps them in step (RFC 7591
 * registration, RFC 7592 read, update, delete).
 *
 * Every answer that carries a client returns it whole, and callers must keep
 * what it says: a provider may hand out a new registration access token on
 * any update (oidc-provider does by default), and the old one stops working.
 *
 * Fails with `IdentityProviderRefused` (the provider said no, with its
 * `error`), `IdentityProviderUnreachable` (retry later) or
 * `IdentityProviderProtocolViolation` (an answer no retry will fix).
 */
export interface ClientRegistration {
  register(target: RegistrationTarget, metadata: ClientMetadata): Promise<RegisteredClient>;
  /** RFC 7592 §2.1; a client that is gone answers 401 (refused). */
  read(handle: RegistrationHandle): Promise<RegisteredClient>;
  /** RFC 7592 §2.2, sending the current secret so the provider keeps it. */
  update(handle: RegistrationHandle, metadata: ClientMetadata): Promise<RegisteredClient>;
  /**
   * RFC 7592 §2.3. `gone` when the provider answers 401 or 404: RFC 7592
   * tells it to answer 401 for a client that no longer exists, so a retried
   * delete whose first answer was lost ends here instead of failing.
   */
  delete(handle: RegistrationHandle): Promise<'deleted' | 'gone'>;
  /**
   * Asks for a new secret: an RFC 7592 PUT without `client_secret`, which
   * RFC 7592 §2.2 lets the provider answer with a new one.
   */
  rotateSecret(handle: RegistrationHandle, metadata: ClientMetadata): Promise<SecretRotation>;
}

export const CLIENT_REGISTRATION = token<ClientRegistration>('ClientRegistration');

/** Fields of a registration answer that are secrets and are stored encrypted, never as plain `DCRResponse` text. */
export const REGISTRATION_SECRET_FIELDS = ['client_secret', 'registration_access_token'] as const;

/** The handle for later RFC 7592 calls, or null when the provider offered none. */
export function registrationHandleOf(client: RegisteredClient): RegistrationHandle | null {
  if (client.registrationAccessToken === null || client.registrationClientUri === null) return null;
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationClientUri: client.registrationClientUri,
    registrationAccessToken: client.registrationAccessToken,
  };
}
