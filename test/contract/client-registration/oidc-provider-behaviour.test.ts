import { expect } from 'chai';
import { FetchOutboundHttp } from '../../../src/adapters/client-registration/fetch-outbound-http';
import { Rfc7591ClientRegistration } from '../../../src/adapters/client-registration/rfc7591-client-registration';
import { ClientMetadata, RegisteredClient, RegistrationHandle, registrationHandleOf } from '../../../src/application/ports/client-registration';
import { IdentityProviderRefused, IdentityProviderUnreachable } from '../../../src/application/ports/identity-provider-errors';
import { OidcProviderHarness } from '../../support/oidc-provider-harness';
import { rejectionOf } from '../../support/rejection';

const METADATA: ClientMetadata = {
  redirectUris: ['https://app.example/cb'],
  grantTypes: ['authorization_code'],
  responseTypes: ['code'],
  tokenEndpointAuthMethod: 'client_secret_basic',
};

/**
 * What oidc-provider does where RFC 7592 leaves a choice, pinned so the
 * wiring phase (docs/dcr.md) builds on facts, and the harness's own levers.
 */
describe('oidc-provider as the DCR tests see it', () => {
  let harness: OidcProviderHarness;
  const registration = new Rfc7591ClientRegistration(new FetchOutboundHttp({ allowHttp: true, timeoutMs: 5_000 }));
  const register = (metadata: ClientMetadata = METADATA): Promise<RegisteredClient> =>
    registration.register({ registrationEndpoint: harness.registrationEndpoint, initialAccessToken: harness.initialAccessToken }, metadata);
  const handle = (client: RegisteredClient): RegistrationHandle => registrationHandleOf(client)!;

  before(async () => { harness = await OidcProviderHarness.start(); });
  after(async () => harness?.stop());

  it('keeps its clients over a stop and restart, on the same port', async () => {
    const client = await register();
    const { port } = harness;
    await harness.stop();
    expect(await rejectionOf(registration.read(handle(client)))).to.be.instanceOf(IdentityProviderUnreachable);
    await harness.restart();
    expect(harness.port).to.equal(port);
    expect((await registration.read(handle(client))).clientId).to.equal(client.clientId);
  });

  it('hands out a new registration access token on every update, and refuses the old one from then on', async () => {
    const client = await register();
    const updated = await registration.update(handle(client), { ...METADATA, redirectUris: ['https://app.example/other'] });
    expect(updated.registrationAccessToken).to.not.equal(client.registrationAccessToken);
    const error = await rejectionOf(registration.read(handle(client)));
    expect(error).to.be.instanceOf(IdentityProviderRefused).and.include({ status: 401, error: 'invalid_token' });
  });

  it('leaves a registration unmanageable when an update is carried out but its answer is lost', async () => {
    const client = await register();
    harness.loseNextAnswer();
    const lost = await rejectionOf(registration.update(handle(client), { ...METADATA, redirectUris: ['https://app.example/lost'] }));
    expect(lost).to.be.instanceOf(IdentityProviderUnreachable).and.include({ requestMayHaveArrived: true });
    // The update took effect and rotated the token; the caller still holds the old one.
    expect((await harness.clientMetadata(client.clientId))?.redirect_uris).to.deep.equal(['https://app.example/lost']);
    const retry = await rejectionOf(registration.update(handle(client), { ...METADATA, redirectUris: ['https://app.example/lost'] }));
    expect(retry).to.be.instanceOf(IdentityProviderRefused).and.include({ status: 401 });
  });

  it('answers a delete retried after a lost answer with 401, which the adapter reports as gone', async () => {
    const client = await register();
    harness.loseNextAnswer();
    expect(await rejectionOf(registration.delete(handle(client)))).to.be.instanceOf(IdentityProviderUnreachable);
    expect(await harness.clientExists(client.clientId)).to.equal(false);
    expect(await registration.delete(handle(client))).to.equal('gone');
  });

  it('refuses metadata it does not support with its own description', async () => {
    const error = await rejectionOf(register({ ...METADATA, tokenEndpointAuthMethod: 'tls_client_auth' }));
    expect(error).to.be.instanceOf(IdentityProviderRefused).and.include({ status: 400, error: 'invalid_client_metadata' });
    expect((error as IdentityProviderRefused).errorDescription).to.include('token_endpoint_auth_method');
  });

  it('keeps software_id and software_version when configured to, so a registration can be traced to the attempt that made it', async () => {
    const client = await register({ ...METADATA, softwareId: 'ih-app-7', softwareVersion: 'attempt-42' });
    expect(client.metadata).to.include({ softwareId: 'ih-app-7', softwareVersion: 'attempt-42' });
    expect((await registration.read(handle(client))).response).to.include({ software_id: 'ih-app-7', software_version: 'attempt-42' });
  });
});
