import { FetchOutboundHttp } from '../../../src/adapters/client-registration/fetch-outbound-http';
import { OidcDiscovery } from '../../../src/adapters/client-registration/oidc-discovery';
import { Rfc7591ClientRegistration } from '../../../src/adapters/client-registration/rfc7591-client-registration';
import { OidcProviderHarness, OidcProviderHarnessOptions } from '../../support/oidc-provider-harness';
import { clientRegistrationContract, ProviderUnderTest } from './client-registration.contract';

async function againstOidcProvider(options: OidcProviderHarnessOptions): Promise<ProviderUnderTest> {
  const harness = await OidcProviderHarness.start(options);
  // http to 127.0.0.1: the test provider has no certificate.
  const http = new FetchOutboundHttp({ allowHttp: true, timeoutMs: 5_000 });
  return {
    registration: new Rfc7591ClientRegistration(http),
    discovery: new OidcDiscovery(http),
    issuer: harness.issuer,
    initialAccessToken: harness.initialAccessToken,
    goDown: () => harness.stop(),
    comeBack: () => harness.restart(),
    refuseRedirectUri: (uri) => harness.refuseRedirectUri(uri),
    loseNextAnswer: () => harness.loseNextAnswer(),
    registrationsCreated: async () => harness.registrationsCreated(),
    redirectUrisAtProvider: async (clientId) => ((await harness.clientMetadata(clientId))?.redirect_uris as string[] | undefined) ?? null,
    close: () => harness.stop(),
  };
}

clientRegistrationContract(
  'RFC 7591/7592 against oidc-provider (initial access token, rotating secrets)',
  { initialAccessToken: true, rotatesSecrets: true },
  () => againstOidcProvider({}),
);
// Without an initial access token oidc-provider runs no policy, so it keeps
// secrets on update, as most providers do: rotation answers rotated: false.
clientRegistrationContract(
  'RFC 7591/7592 against oidc-provider (open registration)',
  { initialAccessToken: false, rotatesSecrets: false },
  () => againstOidcProvider({ initialAccessToken: false }),
);
