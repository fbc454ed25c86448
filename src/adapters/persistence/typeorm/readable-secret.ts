import { SecretCipher } from '../../../application/ports/secret-cipher';
import { SecretLocation, UnreadableSecretReporter } from '../../../application/ports/unreadable-secret.reporter';

/** Decrypts what a reader may show without failing it: null when the stored value cannot be read, after reporting where. */
export type SecretReader = (stored: string, context: string, location: SecretLocation) => string | null;

export function secretReader(cipher: SecretCipher, reporter: UnreadableSecretReporter): SecretReader {
  return (stored, context, location) => {
    try {
      return cipher.decrypt(stored, context);
    } catch {
      reporter.report(location);
      return null;
    }
  };
}
