import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { InMemoryStoredSecretsRepository } from '../../../src/adapters/persistence/in-memory/in-memory-stored-secrets.repository';
import { ReencryptSecrets } from '../../../src/application/secrets/reencrypt-secrets.use-case';
import { TEST_CHANGE } from '../../support/change';

const aKey = () => cipherKeyFromBase64(randomBytes(32).toString('base64'));

describe('ReencryptSecrets (in-memory)', () => {
  const keyA = aKey();
  const keyB = aKey();
  const underA = new AesGcmSecretCipher(keyA);
  const rotating = new AesGcmSecretCipher(keyB, [keyA]);
  const onlyB = new AesGcmSecretCipher(keyB);

  function storeWith(jfwRows: number, credentialRows: number, cipher = underA): InMemoryStoredSecretsRepository {
    const store = new InMemoryStoredSecretsRepository();
    for (let i = 1; i <= jfwRows; i++) {
      const context = `integration-authentication:brand:row${i}`;
      store.put('integrationAuthentications', { rowId: `row${i}`, secrets: [{ field: 'client_secret', ciphertext: cipher.encrypt(`secret-${i}`, context), context }] });
    }
    for (let i = 1; i <= credentialRows; i++) {
      const context = `portal-credential:${i}`;
      store.put('portalCredentials', {
        rowId: String(i),
        secrets: [
          { field: 'credential', ciphertext: cipher.encrypt(`credential-${i}`, context), context },
          { field: 'oauth_client_secret', ciphertext: cipher.encrypt(`oauth-${i}`, context), context },
        ],
      });
    }
    return store;
  }

  it('rewrites every secret under the current key, so it reads with that key alone', async () => {
    const store = storeWith(7, 12);
    const result = await new ReencryptSecrets(store, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE, batchSize: 5 });
    expect(result).to.deep.equal({ reencrypted: { integrationAuthentications: 7, portalCredentials: 12, identityProviders: 0, dcrDeletions: 0 }, undecryptable: [] });
    expect(onlyB.decrypt(store.get('integrationAuthentications', 'row3')!.secrets[0].ciphertext, 'integration-authentication:brand:row3')).to.equal('secret-3');
    const credential = store.get('portalCredentials', '11')!;
    expect(credential.secrets.map((s) => onlyB.decrypt(s.ciphertext, s.context))).to.deep.equal(['credential-11', 'oauth-11']);
  });

  it('pages through each table in batches instead of loading it whole', async () => {
    const store = storeWith(7, 12);
    await new ReencryptSecrets(store, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE, batchSize: 5 });
    // 7 rows → 2 batches; 12 rows → 3 batches (the last one short, which ends the table); two empty tables, one batch each.
    expect(store.batches).to.equal(7);
  });

  it('skips values already under the current key: a second run rewrites nothing', async () => {
    const store = storeWith(3, 2);
    await new ReencryptSecrets(store, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE });
    const before = store.get('integrationAuthentications', 'row1')!.secrets[0].ciphertext;
    expect(await new ReencryptSecrets(store, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE })).to.deep.equal({ reencrypted: { integrationAuthentications: 0, portalCredentials: 0, identityProviders: 0, dcrDeletions: 0 }, undecryptable: [] });
    expect(store.get('integrationAuthentications', 'row1')!.secrets[0].ciphertext).to.equal(before);
  });

  it('counts only the rows that had a value under an old key', async () => {
    const store = storeWith(2, 0);
    const context = 'integration-authentication:brand:row9';
    store.put('integrationAuthentications', { rowId: 'row9', secrets: [{ field: 'client_secret', ciphertext: onlyB.encrypt('fresh', context), context }] });
    expect((await new ReencryptSecrets(store, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE })).reencrypted).to.deep.equal({ integrationAuthentications: 2, portalCredentials: 0, identityProviders: 0, dcrDeletions: 0 });
  });

  it('skips a value no configured key opens, reports where it is (never what), and re-encrypts every other value', async () => {
    const store = storeWith(3, 2);
    const stranger = new AesGcmSecretCipher(aKey());
    // row2: a value under a key nobody has any more; credential 1: one field lost, the other still readable.
    store.put('integrationAuthentications', { rowId: 'row2', secrets: [{ field: 'client_secret', ciphertext: stranger.encrypt('lost', 'ctx'), context: 'ctx' }] });
    const credential = store.get('portalCredentials', '1')!;
    store.put('portalCredentials', {
      rowId: '1',
      secrets: [{ ...credential.secrets[0]!, ciphertext: stranger.encrypt('lost', credential.secrets[0]!.context) }, credential.secrets[1]!],
    });
    const lost = store.get('integrationAuthentications', 'row2')!.secrets[0]!.ciphertext;

    const result = await new ReencryptSecrets(store, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE, batchSize: 2 });
    expect(result).to.deep.equal({
      reencrypted: { integrationAuthentications: 2, portalCredentials: 2, identityProviders: 0, dcrDeletions: 0 },
      undecryptable: [
        { table: 'integrationAuthentications', rowId: 'row2', field: 'client_secret' },
        { table: 'portalCredentials', rowId: '1', field: 'credential' },
      ],
    });
    expect(JSON.stringify(result)).not.to.include('lost');
    expect(store.get('integrationAuthentications', 'row2')!.secrets[0]!.ciphertext, 'left as it was').to.equal(lost);
    expect(onlyB.decrypt(store.get('integrationAuthentications', 'row3')!.secrets[0]!.ciphertext, 'integration-authentication:brand:row3')).to.equal('secret-3');
    const [damaged, readable] = store.get('portalCredentials', '1')!.secrets;
    expect(onlyB.decrypt(readable!.ciphertext, readable!.context), 'the readable field of a damaged row').to.equal('oauth-1');
    expect(() => onlyB.decrypt(damaged!.ciphertext, damaged!.context)).to.throw();

    // A second run: nothing left to rewrite, the same values reported again.
    const again = await new ReencryptSecrets(store, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE });
    expect(again.reencrypted).to.deep.equal({ integrationAuthentications: 0, portalCredentials: 0, identityProviders: 0, dcrDeletions: 0 });
    expect(again.undecryptable).to.deep.equal(result.undecryptable);
  });

  it('takes batches of one row, and refuses a batch size that is not a positive integer before reading anything', async () => {
    const store = storeWith(2, 1);
    expect((await new ReencryptSecrets(store, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE, batchSize: 1 })).reencrypted).to.deep.equal({ integrationAuthentications: 2, portalCredentials: 1, identityProviders: 0, dcrDeletions: 0 });
    for (const batchSize of [0, -1, 1.5]) {
      const untouched = storeWith(1, 0);
      const error = await new ReencryptSecrets(untouched, rotating, { now: () => new Date() }).execute({ change: TEST_CHANGE, batchSize }).catch((e: unknown) => e);
      expect(error, String(batchSize)).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.equal('batchSize must be a positive integer');
      expect(untouched.batches).to.equal(0);
    }
  });
});
