import { expect } from 'chai';
import { RegisteredClient, registrationHandleOf } from '../../../src/application/ports/client-registration';

const client = (overrides: Partial<RegisteredClient> = {}): RegisteredClient => ({
  clientId: 'client-1',
  clientSecret: 'secret-1',
  clientSecretExpiresAt: 0,
  registrationAccessToken: 'rat-1',
  registrationClientUri: 'https://idp.example.com/register/client-1',
  metadata: {} as RegisteredClient['metadata'],
  response: {},
  ...overrides,
});

describe('the RFC 7592 handle of a registered client', () => {
  it('carries what later management calls need', () => {
    expect(registrationHandleOf(client())).to.deep.equal({
      clientId: 'client-1',
      clientSecret: 'secret-1',
      registrationClientUri: 'https://idp.example.com/register/client-1',
      registrationAccessToken: 'rat-1',
    });
  });

  it('is absent when the provider offered no management token or no management URI', () => {
    expect(registrationHandleOf(client({ registrationAccessToken: null }))).to.equal(null);
    expect(registrationHandleOf(client({ registrationClientUri: null }))).to.equal(null);
  });
});
