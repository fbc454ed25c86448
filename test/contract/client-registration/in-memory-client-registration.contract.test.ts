import { InMemoryClientRegistration } from '../../../src/adapters/client-registration/in-memory-client-registration';
import { clientRegistrationContract } from './client-registration.contract';

clientRegistrationContract('in-memory', { initialAccessToken: true, rotatesSecrets: true }, async () => {
  const provider = new InMemoryClientRegistration({ issuer: 'https://idp.example', initialAccessToken: 'initial-token' });
  return {
    registration: provider,
    discovery: provider,
    issuer: provider.issuer,
    initialAccessToken: 'initial-token',
    goDown: async () => provider.goDown(),
    comeBack: async () => provider.comeBack(),
    refuseRedirectUri: (uri) => provider.refuseRedirectUri(uri),
    loseNextAnswer: () => provider.loseNextAnswer(),
    registrationsCreated: async () => provider.registrationsCreated(),
    redirectUrisAtProvider: async (clientId) => provider.storedMetadata(clientId)?.redirectUris ?? null,
    close: async () => undefined,
  };
});
