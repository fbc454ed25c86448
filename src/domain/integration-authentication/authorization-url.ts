import { IntegrationAuthenticationSettings } from './integration-authentication-settings';
import { IntegrationAuthenticationUnusableError } from './integration-authentication-errors';

/** What a caller may put in place of the stored values when testing a configuration. */
export interface AuthorizationRequestOverrides {
  readonly clientId?: string;
  readonly redirectURI?: string;
  readonly scope?: string;
}

/**
 * The authorization request of the authorization code grant (RFC 6749
 * §4.1.1): the configuration's authEndpoint with response_type, client_id,
 * redirect_uri, scope and state added as application/x-www-form-urlencoded
 * query parameters. Query parameters the endpoint already has are kept,
 * except those five, which ours replace; a fragment is dropped (§3.1 forbids
 * one on the endpoint). Pure: `state` is the caller's to choose.
 */
export function buildAuthorizationUrl(
  settings: Pick<IntegrationAuthenticationSettings, 'authEndpoint' | 'clientId' | 'redirectURI' | 'scope'>,
  state: string,
  overrides: AuthorizationRequestOverrides = {},
): string {
  if (settings.authEndpoint === null) {
    throw new IntegrationAuthenticationUnusableError('The configuration has no authEndpoint to build an authorization URL from');
  }
  const url = new URL(settings.authEndpoint);
  url.hash = '';
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', overrides.clientId ?? settings.clientId);
  url.searchParams.set('redirect_uri', overrides.redirectURI ?? settings.redirectURI);
  url.searchParams.set('scope', overrides.scope ?? settings.scope);
  url.searchParams.set('state', state);
  return url.toString();
}
