import { AuthTypeValue } from './auth-type';

export interface CredentialProps {
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

export type NewCredential = Omit<CredentialProps, 'id'>;

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
  private constructor(private props: CredentialProps) {}

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

  static restore(props: CredentialProps): Credential {
    return new Credential({ ...props });
  }

  /**
   * Replaces the secret and keeps the identity: an oauth2 client keeps its
   * client id, a basicAuth user keeps its username.
   */
  rotate(secret: IssuedSecret, now: Date): void {
    // A mismatch is a bug in the caller, not a user error, so no DomainError.
    if (secret.authType !== this.props.authType) {
      throw new Error(`Cannot rotate a ${this.props.authType} credential with a ${secret.authType} secret`);
    }
    switch (secret.authType) {
      case 'authToken':
        this.props = { ...this.props, credential: secret.token, credentialHash: secret.tokenHash, updatedAt: now };
        return;
      case 'basicAuth': {
        const username = (this.props.credential ?? '').split(':')[0] || secret.username;
        this.props = { ...this.props, credential: `${username}:${secret.password}`, updatedAt: now };
        return;
      }
      case 'oauth2':
        this.props = { ...this.props, oauthClientSecret: secret.clientSecret, updatedAt: now };
        return;
    }
  }

  /** Keeps an oauth2 credential's redirect URI in step with its app; true when it changed. */
  followRedirectUrls(redirectUrls: string, now: Date): boolean {
    if (this.props.authType !== 'oauth2' || this.props.redirectUri === redirectUrls) return false;
    this.props = { ...this.props, redirectUri: redirectUrls, updatedAt: now };
    return true;
  }

  get id(): number { return this.props.id; }
  get accessRequestId(): number { return this.props.accessRequestId; }
  get authType(): AuthTypeValue { return this.props.authType; }
  get credential(): string | null { return this.props.credential; }
  get credentialHash(): string | null { return this.props.credentialHash; }
  get oauthClientId(): string | null { return this.props.oauthClientId; }
  get oauthClientSecret(): string | null { return this.props.oauthClientSecret; }
  get redirectUri(): string | null { return this.props.redirectUri; }
  get responseType(): string | null { return this.props.responseType; }
  get scope(): string | null { return this.props.scope; }
  get tokenEndpoints(): string | null { return this.props.tokenEndpoints; }
  get grantType(): string | null { return this.props.grantType; }
  get expires(): Date | null { return this.props.expires; }
  get dcrRegistrationAccessToken(): string | null { return this.props.dcrRegistrationAccessToken; }
  get dcrRegistrationClientUri(): string | null { return this.props.dcrRegistrationClientUri; }
  get dcrResponse(): string | null { return this.props.dcrResponse; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }

  toProps(): CredentialProps {
    return { ...this.props };
  }
}
