import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { AesGcmSecretCipher, cipherKeyFromBase64, SecretKeyError } from '../../../src/adapters/system/aes-gcm-secret-cipher';

const key = () => cipherKeyFromBase64(randomBytes(32).toString('base64'));

describe('AesGcmSecretCipher', () => {
  it('round-trips a secret and never repeats a ciphertext', () => {
    const cipher = new AesGcmSecretCipher(key());
    const a = cipher.encrypt('GOCSPX-secret', 'brand:row');
    const b = cipher.encrypt('GOCSPX-secret', 'brand:row');
    expect(a).not.to.equal(b);
    expect(a).not.to.include('GOCSPX');
    expect(cipher.decrypt(a, 'brand:row')).to.equal('GOCSPX-secret');
  });

  it('refuses a ciphertext moved to another row or brand', () => {
    const cipher = new AesGcmSecretCipher(key());
    const stored = cipher.encrypt('s', 'brand-a:row-1');
    expect(() => cipher.decrypt(stored, 'brand-b:row-1')).to.throw(SecretKeyError);
    expect(() => cipher.decrypt(stored, 'brand-a:row-2')).to.throw(SecretKeyError);
  });

  it('decrypts values of a previous key after rotation and flags them for re-encryption', () => {
    const old = key();
    const stored = new AesGcmSecretCipher(old).encrypt('s', 'c');
    const rotated = new AesGcmSecretCipher(key(), [old]);
    expect(rotated.decrypt(stored, 'c')).to.equal('s');
    expect(rotated.needsReencryption(stored)).to.equal(true);
    expect(rotated.needsReencryption(rotated.encrypt('s', 'c'))).to.equal(false);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => cipherKeyFromBase64(randomBytes(16).toString('base64'))).to.throw(SecretKeyError);
  });
});
