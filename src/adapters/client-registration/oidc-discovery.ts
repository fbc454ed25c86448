import {
  DiscoveredIdentityProvider,
  IdentityProviderDiscovery,
} from '../../application/ports/identity-provider-discovery';
import { IdentityProviderProtocolViolation } from '../../application/ports/identity-provider-errors';
import { OutboundHttp } from './outbound-http';
import { askProvider, errorOfAnswer, jsonObjectOf } from './registration-wire';

/** OpenID Connect Discovery 1.0 §4: the provider's metadata under its issuer. */
export class OidcDiscovery implements IdentityProviderDiscovery {
  constructor(private readonly http: OutboundHttp) {}

  async discover(issuer: string): Promise<DiscoveredIdentityProvider> {
    const url = URL.parse(issuer);
    if (!url || url.search || url.hash) {
      // §2: the issuer is a URL without query or fragment; nothing is fetched.
      throw new IdentityProviderProtocolViolation('the issuer must be a URL without query or fragment');
    }
    const answer = await askProvider(this.http, {
      method: 'GET', url: `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, headers: { accept: 'application/json' },
    });
    if (answer.status !== 200) throw errorOfAnswer(answer);
    const metadata = jsonObjectOf(answer);
    // §4.3: the metadata must name the issuer it was fetched for, exactly, or
    // a provider could pass itself off as another.
    if (metadata.issuer !== issuer) {
      throw new IdentityProviderProtocolViolation(`the metadata names another issuer (${String(metadata.issuer).slice(0, 200)})`);
    }
    const registrationEndpoint = absoluteUrl(metadata.registration_endpoint);
    if (registrationEndpoint === null) {
      throw new IdentityProviderProtocolViolation('no registration_endpoint: the provider does not offer dynamic client registration');
    }
    return {
      issuer,
      registrationEndpoint,
      authorizationEndpoint: absoluteUrl(metadata.authorization_endpoint),
      tokenEndpoint: absoluteUrl(metadata.token_endpoint),
    };
  }
}

function absoluteUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const url = URL.parse(value);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? value : null;
}
