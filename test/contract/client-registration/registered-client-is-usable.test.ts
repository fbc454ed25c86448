import { expect } from 'chai';
import { FetchOutboundHttp } from '../../../src/adapters/client-registration/fetch-outbound-http';
import { OidcDiscovery } from '../../../src/adapters/client-registration/oidc-discovery';
import { Rfc7591ClientRegistration } from '../../../src/adapters/client-registration/rfc7591-client-registration';
import { ClientMetadata, RegisteredClient, registrationHandleOf } from '../../../src/application/ports/client-registration';
import { HARNESS_ACCOUNT_ID, OidcProviderHarness } from '../../support/oidc-provider-harness';

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });

/**
 * A registration is only worth storing if the app can sign users in with it.
 * The relying party here is openid-client (certified, by oidc-provider's
 * author): it checks the ID token's signature, issuer, audience and nonce
 * and the PKCE round trip, which a hand-written fetch would have to redo.
 */
describe('a dynamically registered client is usable: authorization code flow against oidc-provider', () => {
  const REDIRECT_URI = 'http://127.0.0.1:9/callback'; // never called: the code is read from the redirect
  let harness: OidcProviderHarness;
  let oidcClient: OpenIdClient;
  let registered: RegisteredClient;
  const registration = new Rfc7591ClientRegistration(new FetchOutboundHttp({ allowHttp: true, timeoutMs: 5_000 }));
  const asked: ClientMetadata = {
    redirectUris: [REDIRECT_URI],
    grantTypes: ['authorization_code', 'refresh_token'],
    responseTypes: ['code'],
    tokenEndpointAuthMethod: 'client_secret_basic',
    scope: 'openid offline_access',
    clientName: 'Usable app',
  };

  before(async () => {
    oidcClient = (await import('openid-client')) as OpenIdClient;
    harness = await OidcProviderHarness.start();
    const { registrationEndpoint } = await new OidcDiscovery(new FetchOutboundHttp({ allowHttp: true })).discover(harness.issuer);
    registered = await registration.register({ registrationEndpoint, initialAccessToken: harness.initialAccessToken }, asked);
  });
  after(async () => harness?.stop());

  async function signIn(clientSecret: string) {
    const config = await oidcClient.discovery(
      new URL(harness.issuer), registered.clientId, undefined, oidcClient.ClientSecretBasic(clientSecret),
      { execute: [oidcClient.allowInsecureRequests] },
    );
    const verifier = oidcClient.randomPKCECodeVerifier();
    const state = oidcClient.randomState();
    const nonce = oidcClient.randomNonce();
    const authorizationUrl = oidcClient.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI, scope: 'openid', state, nonce, prompt: 'consent',
      code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    const callback = await harness.authorize(authorizationUrl);
    expect(`${callback.origin}${callback.pathname}`).to.equal(REDIRECT_URI);
    expect(callback.searchParams.get('code')).to.be.a('string');
    return oidcClient.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  }

  it('authorizes, signs the user in, and exchanges the code for tokens with the registered secret', async () => {
    const tokens = await signIn(registered.clientSecret!);
    expect(tokens.access_token).to.be.a('string');
    expect(tokens.token_type).to.match(/^bearer$/i);
    expect(tokens.claims()).to.include({ sub: HARNESS_ACCOUNT_ID, aud: registered.clientId, iss: harness.issuer });
  });

  it('works with the new secret after a rotation, and no longer with the old one', async () => {
    const { client: rotated, rotated: didRotate } = await registration.rotateSecret(registrationHandleOf(registered)!, asked);
    expect(didRotate).to.equal(true);
    const tokens = await signIn(rotated.clientSecret!);
    expect(tokens.claims()?.sub).to.equal(HARNESS_ACCOUNT_ID);
    const refused = (await signIn(registered.clientSecret!).then(() => null, (error: unknown) => error)) as
      { status?: number; cause?: { parameters: { error?: string } }[] } | null;
    expect(refused?.status, 'the token endpoint refuses the old secret').to.equal(401);
    expect(refused?.cause?.[0]?.parameters.error).to.equal('invalid_client');
    registered = rotated;
  });
});
