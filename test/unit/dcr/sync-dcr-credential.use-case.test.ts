import { expect } from 'chai';
import { InMemoryClientRegistration } from '../../../src/adapters/client-registration/in-memory-client-registration';
import { ROTATION_NOT_SUPPORTED, SyncDcrCredential } from '../../../src/application/dcr/sync-dcr-credential.use-case';
import { ClientMetadata } from '../../../src/application/ports/client-registration';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryDcrSyncStore } from '../../support/in-memory-dcr-sync.store';

const METADATA: ClientMetadata = {
  redirectUris: ['https://app.example.com/cb'], grantTypes: ['authorization_code'], responseTypes: ['code'],
  tokenEndpointAuthMethod: 'client_secret_basic', scope: 'openid', clientName: 'App',
};
const SCHEDULE = { firstDelayMs: 1_000, maxDelayMs: 4_000, windowMs: 10_000 };

describe('SyncDcrCredential: one provider call that brings a credential in line', () => {
  let store: InMemoryDcrSyncStore;
  let provider: InMemoryClientRegistration;
  let clock: FixedClock;
  let sync: SyncDcrCredential;

  beforeEach(() => {
    store = new InMemoryDcrSyncStore();
    provider = new InMemoryClientRegistration();
    clock = new FixedClock();
    sync = new SyncDcrCredential(store, provider, clock, { retrySchedule: SCHEDULE, random: () => 0.5 });
  });

  it('registers once, then makes no call while nothing changed', async () => {
    store.add(1, METADATA);
    expect(await sync.execute({ credentialId: 1 })).to.equal('synced');
    expect(await sync.execute({ credentialId: 1 })).to.equal('synced');
    expect(provider.registrationsCreated()).to.have.length(1);
    expect(provider.storedMetadata(store.credentials.get(1)!.client!.clientId)?.softwareVersion, 'the attempt id travels as software_version')
      .to.be.a('string');
  });

  it('three redirect changes during an outage become one update with the latest URIs', async () => {
    store.add(1, METADATA);
    await sync.execute({ credentialId: 1 });
    provider.goDown();
    for (const uri of ['https://a.example/1', 'https://a.example/2', 'https://a.example/3']) {
      store.change(1, [uri]);
      expect(await sync.execute({ credentialId: 1 })).to.equal('retrying');
    }
    expect(store.credentials.get(1)!.error).to.match(/could not be reached \(ECONNREFUSED\), retrying$/);
    provider.comeBack();
    expect(await sync.execute({ credentialId: 1 })).to.equal('synced');
    expect(provider.storedMetadata(store.credentials.get(1)!.client!.clientId)?.redirectUris).to.deep.equal(['https://a.example/3']);
  });

  it('a registration whose answer was lost is retried, and the error names the attempt that may have left a client behind', async () => {
    store.add(1, METADATA);
    provider.loseNextAnswer();
    expect(await sync.execute({ credentialId: 1 })).to.equal('retrying');
    expect(store.credentials.get(1)!.error).to.match(/registration attempt [0-9a-f-]{36} at .* may have created a client at the provider, retrying$/);
    expect(await sync.execute({ credentialId: 1 })).to.equal('synced');
  });

  it('an update whose answer was lost: the rotated token is gone, so the retry fails and says why', async () => {
    store.add(1, METADATA);
    await sync.execute({ credentialId: 1 });
    store.change(1, ['https://a.example/new']);
    provider.loseNextAnswer();
    expect(await sync.execute({ credentialId: 1 })).to.equal('retrying');
    expect(await sync.execute({ credentialId: 1 })).to.equal('failed');
    expect(store.credentials.get(1)!.error).to.match(/^registration access token no longer accepted/);
  });

  it('a refusal fails at once with the provider\'s error; nothing is queued', async () => {
    store.add(1, METADATA);
    provider.refuseRedirectUri('https://app.example.com/cb');
    expect(await sync.execute({ credentialId: 1 })).to.equal('failed');
    expect(store.credentials.get(1)!.error).to.equal('The identity provider refused the request (400 invalid_redirect_uri: redirect_uris refused by policy: https://app.example.com/cb)');
    expect(store.queued).to.deep.equal([]);
  });

  it('retries with growing delays inside the window, then fails', async () => {
    store.add(1, METADATA);
    provider.goDown();
    const delays: number[] = [];
    for (;;) {
      const outcome = await sync.execute({ credentialId: 1 });
      if (outcome === 'failed') break;
      const at = store.queued.at(-1)!.at!;
      delays.push(at.getTime() - clock.now().getTime());
      clock.advance(at.getTime() - clock.now().getTime());
    }
    expect(delays.slice(0, 3)).to.deep.equal([750, 1_500, 3_000]);
    expect(store.credentials.get(1)!.error).to.match(/gave up after retrying$/);
  });

  it('a deleted credential\'s client is deleted at the provider; a second run finds nothing to do', async () => {
    store.add(1, METADATA);
    await sync.execute({ credentialId: 1 });
    const clientId = store.credentials.get(1)!.client!.clientId;
    store.remove(1);
    expect(await sync.execute({ credentialId: 1 })).to.equal('deleted');
    expect(provider.storedMetadata(clientId)).to.equal(null);
    expect(await sync.execute({ credentialId: 1 })).to.equal('nothing');
  });

  it('a rotation the provider does not make is said in the sync error; the credential is in step all the same', async () => {
    const keeping = Object.assign(Object.create(provider) as InMemoryClientRegistration, {
      rotateSecret: async (handle: Parameters<InMemoryClientRegistration['rotateSecret']>[0]) => ({ client: await provider.read(handle), rotated: false }),
    });
    const syncKeeping = new SyncDcrCredential(store, keeping, clock, { retrySchedule: SCHEDULE, random: () => 0.5 });
    store.add(1, METADATA);
    await syncKeeping.execute({ credentialId: 1 });
    store.credentials.get(1)!.rotateRequested = true;
    expect(await syncKeeping.execute({ credentialId: 1 })).to.equal('synced');
    expect(store.credentials.get(1)).to.include({ status: 'synced', error: ROTATION_NOT_SUPPORTED, rotateRequested: false });
  });

  it('a job that finds the lease taken makes no call', async () => {
    store.add(1, METADATA);
    store.credentials.get(1)!.leased = true;
    expect(await sync.execute({ credentialId: 1 })).to.equal('busy');
    expect(provider.registrationsCreated()).to.deep.equal([]);
  });
});
