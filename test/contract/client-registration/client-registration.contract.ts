import { expect } from 'chai';
import {
  ClientMetadata,
  ClientRegistration,
  RegisteredClient,
  RegistrationHandle,
  RegistrationTarget,
  registrationHandleOf,
} from '../../../src/application/ports/client-registration';
import { IdentityProviderDiscovery } from '../../../src/application/ports/identity-provider-discovery';
import {
  IdentityProviderRefused,
  IdentityProviderUnreachable,
} from '../../../src/application/ports/identity-provider-errors';
import { rejectionOf } from '../../support/rejection';

/** What differs between providers, known before they start. */
export interface ProviderTraits {
  /** Registration needs an initial access token. */
  readonly initialAccessToken: boolean;
  /** An RFC 7592 PUT without `client_secret` gets a new secret. */
  readonly rotatesSecrets: boolean;
}

/** One identity provider and the adapter that talks to it, with the test's levers. */
export interface ProviderUnderTest {
  readonly registration: ClientRegistration;
  readonly discovery: IdentityProviderDiscovery;
  readonly issuer: string;
  /** Null when the provider registers without one. */
  readonly initialAccessToken: string | null;
  goDown(): Promise<void>;
  comeBack(): Promise<void>;
  refuseRedirectUri(uri: string): void;
  loseNextAnswer(): void;
  /** Client ids of every registration the provider made (duplicates show here). */
  registrationsCreated(): Promise<readonly string[]>;
  /** The redirect URIs the provider itself holds for a client (not read through the adapter), or null when it has no such client. */
  redirectUrisAtProvider(clientId: string): Promise<readonly string[] | null>;
  close(): Promise<void>;
}

let uriCounter = 0;
/** A redirect URI no other test uses, so refusals never leak between tests. */
const freshUri = () => `https://app${++uriCounter}.example/callback`;

const metadata = (overrides: Partial<ClientMetadata> = {}): ClientMetadata => ({
  redirectUris: [freshUri()],
  grantTypes: ['authorization_code', 'refresh_token'],
  responseTypes: ['code'],
  tokenEndpointAuthMethod: 'client_secret_basic',
  scope: 'openid api:read',
  clientName: 'Contract app',
  softwareId: 'integration-hub-contract',
  ...overrides,
});

function handleOf(client: RegisteredClient): RegistrationHandle {
  const handle = registrationHandleOf(client);
  expect(handle, 'the provider offers RFC 7592 management').to.not.equal(null);
  return handle!;
}

/**
 * What every client registration adapter must do against its provider: the
 * in-memory one against itself, the RFC 7591/7592 one against a real
 * oidc-provider on 127.0.0.1. Only the ports are used.
 */
export function clientRegistrationContract(name: string, traits: ProviderTraits, open: () => Promise<ProviderUnderTest>): void {
  describe(`client registration contract: ${name}`, () => {
    let p: ProviderUnderTest;
    let target: RegistrationTarget;
    before(async () => {
      p = await open();
      expect(p.initialAccessToken !== null).to.equal(traits.initialAccessToken);
      const discovered = await p.discovery.discover(p.issuer);
      target = { registrationEndpoint: discovered.registrationEndpoint, initialAccessToken: p.initialAccessToken };
    });
    after(async () => p?.close());

    it('discovers the registration endpoint from the issuer', async () => {
      const discovered = await p.discovery.discover(p.issuer);
      expect(discovered.issuer).to.equal(p.issuer);
      expect(new URL(discovered.registrationEndpoint).origin).to.equal(new URL(p.issuer).origin);
    });

    it('registers a confidential client with the metadata asked for and answers what the provider said', async () => {
      const asked = metadata({ redirectUris: [freshUri(), freshUri()] });
      const client = await p.registration.register(target, asked);
      expect(client.clientId).to.be.a('string').and.not.equal('');
      expect(client.clientSecret).to.be.a('string').and.not.equal('');
      expect(client.registrationAccessToken).to.be.a('string').and.not.equal('');
      expect(client.registrationClientUri).to.be.a('string');
      expect(client.metadata).to.deep.include({
        redirectUris: asked.redirectUris, grantTypes: asked.grantTypes, responseTypes: asked.responseTypes,
        tokenEndpointAuthMethod: 'client_secret_basic', scope: 'openid api:read', clientName: 'Contract app',
      });
      expect(client.response).to.deep.include({
        client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: asked.redirectUris,
        registration_access_token: client.registrationAccessToken, registration_client_uri: client.registrationClientUri,
      });
      expect(await p.redirectUrisAtProvider(client.clientId)).to.deep.equal(asked.redirectUris);
    });

    it('registers a public client without a secret', async () => {
      const client = await p.registration.register(target, metadata({ tokenEndpointAuthMethod: 'none', grantTypes: ['authorization_code'] }));
      expect(client.clientSecret).to.equal(null);
      expect(client.response).to.not.have.property('client_secret');
    });

    if (traits.initialAccessToken) it('refuses a registration without the initial access token', async () => {
      const before = (await p.registrationsCreated()).length;
      const error = await rejectionOf(p.registration.register({ ...target, initialAccessToken: null }, metadata()));
      expect(error).to.be.instanceOf(IdentityProviderRefused).and.include({ status: 401, error: 'invalid_token', retryable: false });
      expect(await p.registrationsCreated()).to.have.length(before);
    });

    it('reads a registration back as the provider holds it', async () => {
      const asked = metadata();
      const client = await p.registration.register(target, asked);
      const read = await p.registration.read(handleOf(client));
      expect(read.clientId).to.equal(client.clientId);
      expect(read.clientSecret).to.equal(client.clientSecret);
      expect(read.metadata.redirectUris).to.deep.equal(asked.redirectUris);
    });

    it('updates the redirect URIs, keeps the secret and answers a token that works for the next call', async () => {
      const client = await p.registration.register(target, metadata());
      const changed = metadata({ redirectUris: [freshUri(), freshUri()] });
      const updated = await p.registration.update(handleOf(client), changed);
      expect(updated.clientId).to.equal(client.clientId);
      expect(updated.clientSecret).to.equal(client.clientSecret);
      expect(updated.metadata.redirectUris).to.deep.equal(changed.redirectUris);
      const read = await p.registration.read(handleOf(updated));
      expect(read.metadata.redirectUris).to.deep.equal(changed.redirectUris);
      expect(await p.redirectUrisAtProvider(client.clientId)).to.deep.equal(changed.redirectUris);
    });

    it(`asks for a new secret and learns that the provider ${traits.rotatesSecrets ? 'gave one' : 'kept the old one'}`, async () => {
      const asked = metadata();
      const client = await p.registration.register(target, asked);
      const { client: after, rotated } = await p.registration.rotateSecret(handleOf(client), asked);
      expect(rotated).to.equal(traits.rotatesSecrets);
      if (rotated) expect(after.clientSecret).to.be.a('string').and.not.equal(client.clientSecret);
      else expect(after.clientSecret).to.equal(client.clientSecret);
      expect((await p.registration.read(handleOf(after))).clientSecret).to.equal(after.clientSecret);
    });

    it('deletes a registration, after which the provider no longer knows it', async () => {
      const client = await p.registration.register(target, metadata());
      expect(await p.registration.delete(handleOf(client))).to.equal('deleted');
      expect(await p.redirectUrisAtProvider(client.clientId)).to.equal(null);
      const error = await rejectionOf(p.registration.read(handleOf(client)));
      expect(error).to.be.instanceOf(IdentityProviderRefused).and.include({ status: 401 });
      expect(await p.registration.delete(handleOf(client)), 'a retried delete').to.equal('gone');
    });

    it('refuses a redirect URI the provider does not accept, with its error, and registers nothing', async () => {
      const refused = freshUri();
      p.refuseRedirectUri(refused);
      const before = (await p.registrationsCreated()).length;
      const error = await rejectionOf(p.registration.register(target, metadata({ redirectUris: [refused] })));
      expect(error).to.be.instanceOf(IdentityProviderRefused).and.include({ status: 400, error: 'invalid_redirect_uri', retryable: false });
      expect((error as IdentityProviderRefused).errorDescription).to.include(refused);
      expect(await p.registrationsCreated()).to.have.length(before);
    });

    it('leaves a registration as it was when the provider refuses an update', async () => {
      const asked = metadata();
      const client = await p.registration.register(target, asked);
      const refused = freshUri();
      p.refuseRedirectUri(refused);
      const error = await rejectionOf(p.registration.update(handleOf(client), metadata({ redirectUris: [refused] })));
      expect(error).to.be.instanceOf(IdentityProviderRefused).and.include({ error: 'invalid_redirect_uri' });
      const read = await p.registration.read(handleOf(client));
      expect(read.metadata.redirectUris).to.deep.equal(asked.redirectUris);
      expect(await p.redirectUrisAtProvider(client.clientId)).to.deep.equal(asked.redirectUris);
    });

    it('answers "unreachable, not sent" while the provider is down, and registers once it is back', async () => {
      const before = (await p.registrationsCreated()).length;
      await p.goDown();
      try {
        const error = await rejectionOf(p.registration.register(target, metadata()));
        expect(error).to.be.instanceOf(IdentityProviderUnreachable).and.include({ retryable: true, requestMayHaveArrived: false });
      } finally {
        await p.comeBack();
      }
      expect(await p.registrationsCreated(), 'nothing registered during the outage').to.have.length(before);
      await p.registration.register(target, metadata());
      expect(await p.registrationsCreated()).to.have.length(before + 1);
    });

    it('answers "unreachable, may have arrived" when the provider registered but the answer was lost', async () => {
      const before = await p.registrationsCreated();
      p.loseNextAnswer();
      const asked = metadata();
      const error = await rejectionOf(p.registration.register(target, asked));
      expect(error).to.be.instanceOf(IdentityProviderUnreachable).and.include({ retryable: true, requestMayHaveArrived: true });
      const after = await p.registrationsCreated();
      expect(after, 'the provider did register').to.have.length(before.length + 1);
      expect(await p.redirectUrisAtProvider(after[after.length - 1])).to.deep.equal(asked.redirectUris);
    });
  });
}
