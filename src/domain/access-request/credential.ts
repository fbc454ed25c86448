import { DcrClientSettings } from '../api-product/api-product';
import { AuthTypeValue } from '../api-product/auth-type';
import { ValidationError } from '../shared/domain-error';

/** Where a DCR credential's registration at its identity provider stands (docs/dcr.md). */
export type DcrSyncStatus = 'pending' | 'synced' | 'failed';

/** Fields of the provider's answer kept in encrypted columns, not in the stored DCRResponse text. */
const ANSWER_SECRETS = { client_secret: 'oauthClientSecret', registration_access_token: 'dcrRegistrationAccessToken' } as const;

export interface CredentialSnapshot {
  readonly id: number;
  readonly accessRequestId: number;
  readonly authType: AuthTypeValue;
  /** authToken: the token; basicAuth: "username:password"; oauth2: null. */
  readonly credential: string | null;
  /** authToken only: short digest by which gateways look the token up. */
  readonly credentialHash: string | null;
  readonly oauthClientId: string | null;
  readonly oauthClientSecret: string | null;
  /** oauth2 only: always equal to the app's RedirectURLs string. */
  readonly redirectUri: string | null;
  readonly responseType: string | null;
  readonly scope: string | null;
  readonly tokenEndpoints: string | null;
  readonly grantType: string | null;
  readonly expires: Date | null;
  readonly dcrRegistrationAccessToken: string | null;
  readonly dcrRegistrationClientUri: string | null;
  /** The provider's JSON answer without its secrets (they are the two fields above, encrypted). */
  readonly dcrResponse: string | null;
  /** DCR credentials only: the provider, the settings registered, and where the registration stands. */
  readonly dcrIdentityProviderId: number | null;
  readonly dcrClientSettings: DcrClientSettings | null;
  readonly dcrSyncStatus: DcrSyncStatus | null;
  readonly dcrSyncError: string | null;
  /** A rotation asked of the provider and not yet done. */
  readonly dcrRotateRequested: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewCredential = Omit<CredentialSnapshot, 'id'>;

/** The secret parts of a credential, produced outside the domain (randomness). */
export type IssuedSecret =
  | { readonly authType: 'authToken'; readonly token: string; readonly tokenHash: string }
  | { readonly authType: 'basicAuth'; readonly username: string; readonly password: string }
  | { readonly authType: 'oauth2'; readonly clientId: string; readonly clientSecret: string };

export interface OAuthSettings {
  readonly redirectUri: string;
  readonly scope: string;
}

const NOTHING = {
  credential: null, credentialHash: null, oauthClientId: null, oauthClientSecret: null,
  redirectUri: null, responseType: null, scope: null, tokenEndpoints: null, grantType: null,
  expires: null, dcrRegistrationAccessToken: null, dcrRegistrationClientUri: null, dcrResponse: null,
  dcrIdentityProviderId: null, dcrClientSettings: null, dcrSyncStatus: null, dcrSyncError: null, dcrRotateRequested: false,
} as const;

/** Flows that send the user back to the app: the provider needs a redirect URI for them (RFC 6749 §3.1.2). */
const REDIRECTING_GRANTS = new Set(['authorization_code', 'implicit']);

const redirectingGrants = (grantTypes: readonly string[]) => grantTypes.filter((g) => REDIRECTING_GRANTS.has(g));

/** What an approved access request hands to the app to call the products. */
export class Credential {
  private constructor(private readonly state: CredentialSnapshot) {}

  static issue(accessRequestId: number, secret: IssuedSecret, oauth: OAuthSettings, now: Date): NewCredential {
    const base = { ...NOTHING, accessRequestId, authType: secret.authType, createdAt: now, updatedAt: now };
    switch (secret.authType) {
      case 'authToken':
        return { ...base, credential: secret.token, credentialHash: secret.tokenHash };
      case 'basicAuth':
        return { ...base, credential: `${secret.username}:${secret.password}` };
      case 'oauth2':
        return {
          ...base,
          oauthClientId: secret.clientId,
          oauthClientSecret: secret.clientSecret,
          redirectUri: oauth.redirectUri,
          scope: oauth.scope,
          responseType: 'code',
        };
    }
  }

  /**
   * A credential whose client is registered at an identity provider: nothing
   * secret is made here, the client id and secret come from the provider's
   * answer. It starts `pending`; the dcr-sync job registers it.
   * @throws ValidationError when the app has no redirect URLs for a flow that needs them
   */
  static issueRegistered(accessRequestId: number, settings: DcrClientSettings, redirectUrls: string, now: Date): NewCredential {
    const needing = redirectingGrants(settings.grantTypes);
    if (redirectUrls.trim() === '' && needing.length > 0) {
      throw ValidationError.single('redirectUrls', `the app needs RedirectURLs for ${needing.join(', ')}`);
    }
    return {
      ...NOTHING,
      accessRequestId,
      authType: 'oauth2',
      redirectUri: redirectUrls,
      scope: settings.scope,
      grantType: settings.grantTypes.join(' '),
      responseType: settings.responseTypes.join(','),
      dcrIdentityProviderId: settings.identityProviderId,
      dcrClientSettings: settings,
      dcrSyncStatus: 'pending',
      createdAt: now,
      updatedAt: now,
    };
  }

  static restore(props: CredentialSnapshot): Credential {
    return new Credential({ ...props });
  }

  /**
   * Replaces the secret and keeps the identity: an oauth2 client keeps its
   * client id, a basicAuth user keeps its username.
   */
  rotate(secret: IssuedSecret, now: Date): Credential {
    // The provider holds a registered client's secret: ask it (the dcr-sync job does, where the provider can).
    if (this.usesDcr) return new Credential({ ...this.state, dcrRotateRequested: true, updatedAt: now });
    // A mismatch is a bug in the caller, not a user error, so no DomainError.
    if (secret.authType !== this.state.authType) {
      throw new Error(`Cannot rotate a ${this.state.authType} credential with a ${secret.authType} secret`);
    }
    switch (secret.authType) {
      case 'authToken':
        return new Credential({ ...this.state, credential: secret.token, credentialHash: secret.tokenHash, updatedAt: now });
      case 'basicAuth': {
        const username = (this.state.credential ?? '').split(':')[0] || secret.username;
        return new Credential({ ...this.state, credential: `${username}:${secret.password}`, updatedAt: now });
      }
      case 'oauth2':
        return new Credential({ ...this.state, oauthClientSecret: secret.clientSecret, updatedAt: now });
    }
  }

  /** Keeps an oauth2 credential's redirect URI in step with its app; the same credential when nothing changes. */
  followRedirectUrls(redirectUrls: string, now: Date): Credential {
    if (this.state.authType !== 'oauth2' || this.state.redirectUri === redirectUrls) return this;
    return new Credential({ ...this.state, redirectUri: redirectUrls, updatedAt: now });
  }

  get id(): number { return this.state.id; }
  get accessRequestId(): number { return this.state.accessRequestId; }
  get authType(): AuthTypeValue { return this.state.authType; }
  get credential(): string | null { return this.state.credential; }
  get credentialHash(): string | null { return this.state.credentialHash; }
  get oauthClientId(): string | null { return this.state.oauthClientId; }
  get oauthClientSecret(): string | null { return this.state.oauthClientSecret; }
  get redirectUri(): string | null { return this.state.redirectUri; }
  get responseType(): string | null { return this.state.responseType; }
  get scope(): string | null { return this.state.scope; }
  get tokenEndpoints(): string | null { return this.state.tokenEndpoints; }
  get grantType(): string | null { return this.state.grantType; }
  get expires(): Date | null { return this.state.expires; }
  get dcrRegistrationAccessToken(): string | null { return this.state.dcrRegistrationAccessToken; }
  get dcrRegistrationClientUri(): string | null { return this.state.dcrRegistrationClientUri; }
  get dcrResponse(): string | null { return this.state.dcrResponse; }
  get dcrIdentityProviderId(): number | null { return this.state.dcrIdentityProviderId; }
  get dcrSyncStatus(): DcrSyncStatus | null { return this.state.dcrSyncStatus; }
  get dcrSyncError(): string | null { return this.state.dcrSyncError; }
  get createdAt(): Date { return this.state.createdAt; }
  get updatedAt(): Date { return this.state.updatedAt; }

  /** Registered at an identity provider (dynamic client registration) rather than generated here. */
  get usesDcr(): boolean { return this.state.dcrIdentityProviderId !== null; }

  /**
   * The grants of a registered client that send the user back to the app:
   * the provider holds the app's redirect URLs for them, so the app must keep
   * some (PortalApp.checkRedirectUrlsKept). None for a credential made here,
   * whose RedirectURI only mirrors the app's.
   */
  get redirectingGrants(): readonly string[] {
    return this.usesDcr ? redirectingGrants((this.state.grantType ?? '').split(' ')) : [];
  }

  /**
   * The provider's answer as it gave it, as seed 003's DCRResponse shows it:
   * the stored text with the secret and the registration access token put
   * back from their encrypted columns. Null before the first registration.
   */
  get dcrProviderAnswer(): string | null {
    if (this.state.dcrResponse === null) return null;
    const answer = JSON.parse(this.state.dcrResponse) as Record<string, unknown>;
    for (const [field, from] of Object.entries(ANSWER_SECRETS)) {
      const value = this.state[from];
      if (value !== null) answer[field] = value;
    }
    return JSON.stringify(answer);
  }

  snapshot(): CredentialSnapshot {
    return this.state;
  }
}
