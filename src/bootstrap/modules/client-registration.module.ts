import { ContainerModule } from 'inversify';
import { CLIENT_REGISTRATION } from '../../application/ports/client-registration';
import { DCR_SYNC_SETTINGS, DEFAULT_DCR_SYNC_SETTINGS } from '../../application/ports/dcr-sync-settings';
import { IDENTITY_PROVIDER_DISCOVERY } from '../../application/ports/identity-provider-discovery';
import { OutboundHttp } from '../../application/ports/outbound-http';
import { OidcDiscovery } from '../../adapters/client-registration/oidc-discovery';
import { Rfc7591ClientRegistration } from '../../adapters/client-registration/rfc7591-client-registration';
import { bindValue } from './bind-use-case';

/**
 * Identity providers over the network: discovery and RFC 7591/7592 calls
 * through the given sender — the safe one in the service (webhook address
 * rules, 10 s timeout, 64 KiB answers), so an issuer or a provider's
 * `registration_client_uri` cannot reach the service's own network.
 */
export function clientRegistrationModule(http: OutboundHttp): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindValue(bind, IDENTITY_PROVIDER_DISCOVERY, new OidcDiscovery(http));
    bindValue(bind, CLIENT_REGISTRATION, new Rfc7591ClientRegistration(http));
    bindValue(bind, DCR_SYNC_SETTINGS, DEFAULT_DCR_SYNC_SETTINGS);
  });
}
