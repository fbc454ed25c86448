import { randomBytes, randomUUID } from 'node:crypto';
import {
  ClientMetadata,
  ClientRegistration,
  RegisteredClient,
  RegistrationHandle,
  RegistrationTarget,
  SecretRotation,
} from '../../application/ports/client-registration';
import {
  DiscoveredIdentityProvider,
  IdentityProviderDiscovery,
} from '../../application/ports/identity-provider-discovery';
import {
  IdentityProviderRefused,
  IdentityProviderUnreachable,
} from '../../application/ports/identity-provider-errors';
import { metadataToWire } from './registration-wire';

interface StoredClient {
  readonly clientId: string;
  readonly issuedAt: number;
  clientSecret: string | null;
  registrationAccessToken: string;
  metadata: ClientMetadata;
}

export interface InMemoryClientRegistrationOptions {
  /** Default `https://idp.example`. */
  readonly issuer?: string;
  /** When set, registration needs it as a Bearer token, as `features.registration.initialAccessToken` in oidc-provider. */
  readonly initialAccessToken?: string | null;
}

const AUTH_METHODS = new Set(['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none']);

/**
 * An identity provider in memory that answers as an RFC 7591/7592 one does
 * (and as oidc-provider does where the RFCs leave a choice: a new
 * registration access token on every update, 401 for a client that is
 * gone). For tests and for embedding without a provider. The test hooks at
 * the end make it go down, refuse redirect URIs or lose an answer.
 */
export class InMemoryClientRegistration implements ClientRegistration, IdentityProviderDiscovery {
  readonly issuer: string;
  readonly registrationEndpoint: string;
  private readonly initialAccessToken: string | null;
  private readonly clients = new Map<string, StoredClient>();
  private readonly created: string[] = [];
  private down = false;
  private loseNext = false;
  private readonly refused = new Set<string>();

  constructor(options: InMemoryClientRegistrationOptions = {}) {
    this.issuer = options.issuer ?? 'https://idp.example';
    this.registrationEndpoint = `${this.issuer.replace(/\/+$/, '')}/reg`;
    this.initialAccessToken = options.initialAccessToken ?? null;
  }

  async discover(issuer: string): Promise<DiscoveredIdentityProvider> {
    this.reach();
    if (issuer !== this.issuer) throw new IdentityProviderUnreachable('ENOTFOUND', false);
    const base = this.issuer.replace(/\/+$/, '');
    return { issuer, registrationEndpoint: this.registrationEndpoint, authorizationEndpoint: `${base}/auth`, tokenEndpoint: `${base}/token` };
  }

  async register(target: RegistrationTarget, metadata: ClientMetadata): Promise<RegisteredClient> {
    this.reach();
    if (target.registrationEndpoint !== this.registrationEndpoint) throw new IdentityProviderUnreachable('ENOTFOUND', false);
    if (this.initialAccessToken !== null && target.initialAccessToken !== this.initialAccessToken) {
      throw new IdentityProviderRefused(401, 'invalid_token', 'invalid initial access token value');
    }
    this.validate(metadata);
    const client: StoredClient = {
      clientId: randomUUID(),
      issuedAt: Math.floor(Date.now() / 1000),
      clientSecret: metadata.tokenEndpointAuthMethod === 'none' ? null : newToken(),
      registrationAccessToken: newToken(),
      metadata: copyOf(metadata),
    };
    this.clients.set(client.clientId, client);
    this.created.push(client.clientId);
    return this.answer(client);
  }

  async read(handle: RegistrationHandle): Promise<RegisteredClient> {
    this.reach();
    return this.answer(this.authorised(handle), false);
  }

  async update(handle: RegistrationHandle, metadata: ClientMetadata): Promise<RegisteredClient> {
    return this.put(handle, metadata, true);
  }

  async rotateSecret(handle: RegistrationHandle, metadata: ClientMetadata): Promise<SecretRotation> {
    const client = await this.put(handle, metadata, false);
    return { client, rotated: client.clientSecret !== null && client.clientSecret !== handle.clientSecret };
  }

  async delete(handle: RegistrationHandle): Promise<'deleted' | 'gone'> {
    this.reach();
    const client = this.clients.get(handle.clientId);
    if (!client || client.registrationAccessToken !== handle.registrationAccessToken) return 'gone';
    this.clients.delete(handle.clientId);
    this.loseAnswerIfAsked();
    return 'deleted';
  }

  // --- test hooks -------------------------------------------------------

  /** Every call fails as if the connection were refused, until `comeBack()`. */
  goDown(): void { this.down = true; }
  comeBack(): void { this.down = false; }
  /** Registrations and updates naming this redirect URI are refused with `invalid_redirect_uri`. */
  refuseRedirectUri(uri: string): void { this.refused.add(uri); }
  /** The next registration, update or delete takes effect but its answer is lost. */
  loseNextAnswer(): void { this.loseNext = true; }
  /** Client ids of every registration ever made, in order (duplicates show here). */
  registrationsCreated(): readonly string[] { return [...this.created]; }
  /** The client's metadata as stored here, or null when there is no such client. */
  storedMetadata(clientId: string): ClientMetadata | null {
    const client = this.clients.get(clientId);
    return client ? copyOf(client.metadata) : null;
  }

  // ----------------------------------------------------------------------

  private async put(handle: RegistrationHandle, metadata: ClientMetadata, sendsSecret: boolean): Promise<RegisteredClient> {
    this.reach();
    const client = this.authorised(handle);
    if (sendsSecret && handle.clientSecret !== client.clientSecret) {
      throw new IdentityProviderRefused(400, 'invalid_request', 'provided client_secret does not match the authenticated client\'s one');
    }
    this.validate(metadata);
    client.metadata = copyOf(metadata);
    if (metadata.tokenEndpointAuthMethod === 'none') client.clientSecret = null;
    else if (!sendsSecret || client.clientSecret === null) client.clientSecret = newToken();
    client.registrationAccessToken = newToken();
    return this.answer(client);
  }

  private authorised(handle: RegistrationHandle): StoredClient {
    const client = this.clients.get(handle.clientId);
    if (!client || client.registrationAccessToken !== handle.registrationAccessToken
      || handle.registrationClientUri !== this.clientUri(handle.clientId)) {
      throw new IdentityProviderRefused(401, 'invalid_token', 'registration access token not found');
    }
    return client;
  }

  private validate(metadata: ClientMetadata): void {
    for (const uri of metadata.redirectUris) {
      const url = URL.parse(uri);
      if (!url || url.hash || uri.includes('#')) throw new IdentityProviderRefused(400, 'invalid_redirect_uri', 'redirect_uris must only contain valid uris without fragments');
      if (this.refused.has(uri)) throw new IdentityProviderRefused(400, 'invalid_redirect_uri', `redirect_uris refused by policy: ${uri}`);
    }
    if (metadata.responseTypes.length > 0 && metadata.redirectUris.length === 0) {
      throw new IdentityProviderRefused(400, 'invalid_redirect_uri', 'redirect_uris must contain members');
    }
    if (!AUTH_METHODS.has(metadata.tokenEndpointAuthMethod)) {
      throw new IdentityProviderRefused(400, 'invalid_client_metadata', 'token_endpoint_auth_method must be one of the supported values');
    }
  }

  private answer(client: StoredClient, loseable = true): RegisteredClient {
    if (loseable) this.loseAnswerIfAsked();
    const response: Record<string, unknown> = {
      ...metadataToWire(client.metadata),
      client_id: client.clientId,
      client_id_issued_at: client.issuedAt,
      registration_client_uri: this.clientUri(client.clientId),
      registration_access_token: client.registrationAccessToken,
    };
    if (client.clientSecret !== null) Object.assign(response, { client_secret: client.clientSecret, client_secret_expires_at: 0 });
    return {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      clientSecretExpiresAt: client.clientSecret === null ? null : 0,
      registrationAccessToken: client.registrationAccessToken,
      registrationClientUri: this.clientUri(client.clientId),
      metadata: { ...copyOf(client.metadata), scope: client.metadata.scope ?? null, clientName: client.metadata.clientName ?? null, softwareId: client.metadata.softwareId ?? null, softwareVersion: client.metadata.softwareVersion ?? null },
      response,
    };
  }

  private clientUri(clientId: string): string {
    return `${this.registrationEndpoint}/${clientId}`;
  }

  private reach(): void {
    if (this.down) throw new IdentityProviderUnreachable('ECONNREFUSED', false);
  }

  private loseAnswerIfAsked(): void {
    if (!this.loseNext) return;
    this.loseNext = false;
    throw new IdentityProviderUnreachable('other side closed', true);
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function copyOf(metadata: ClientMetadata): ClientMetadata {
  return {
    ...metadata,
    redirectUris: [...metadata.redirectUris],
    grantTypes: [...metadata.grantTypes],
    responseTypes: [...metadata.responseTypes],
  };
}
