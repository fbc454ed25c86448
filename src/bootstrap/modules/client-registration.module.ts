import { ContainerModule } from 'inversify';
import { CLIENT_REGISTRATION } from '../../application/ports/client-registration';
import { DCR_SYNC_SETTINGS, DEFAULT_DCR_SYNC_SETTINGS } from '../../application/ports/dcr-sync-settings';
import { IDENTITY_PROVIDER_DISCOVERY } from '../../application/ports/identity-provider-discovery';
import { OUTBOUND_HTTP } from '../../application/ports/outbound-http';
import { OidcDiscovery } from '../../adapters/client-registration/oidc-discovery';
import { Rfc7591ClientRegistration } from '../../adapters/client-registration/rfc7591-client-registration';
import { bindBuilt, bindValue } from './bind-use-case';

/**
 * Identity providers over the network: discovery and RFC 7591/7592 calls
 * through the container's OUTBOUND_HTTP (the webhooks module binds it; an
 * override of it swaps both senders at once): the safe one in the service (webhook address
 * rules, 10 s timeout, 64 KiB answers), so an issuer or a provider's
 * `registration_client_uri` cannot reach the service's own network.
 */
export function clientRegistrationModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindBuilt(bind, IDENTITY_PROVIDER_DISCOVERY, (http) => new OidcDiscovery(http), [OUTBOUND_HTTP]);
    bindBuilt(bind, CLIENT_REGISTRATION, (http) => new Rfc7591ClientRegistration(http), [OUTBOUND_HTTP]);
    bindValue(bind, DCR_SYNC_SETTINGS, DEFAULT_DCR_SYNC_SETTINGS);
  });
}
