import { AuthTypeValue } from '../api-product/auth-type';

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
  readonly dcrResponse: string | null;
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
} as const;

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

  static restore(props: CredentialSnapshot): Credential {
    return new Credential({ ...props });
  }

  /**
   * Replaces the secret and keeps the identity: an oauth2 client keeps its
   * client id, a basicAuth user keeps its username.
   */
  rotate(secret: IssuedSecret, now: Date): Credential {
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
  get createdAt(): Date { return this.state.createdAt; }
  get updatedAt(): Date { return this.state.updatedAt; }

  snapshot(): CredentialSnapshot {
    return this.state;
  }
}
