import { ContainerModule } from 'inversify';
import { CLOCK } from '../../application/ports/clock';
import { ID_GENERATOR } from '../../application/ports/id-generator';
import { SECRET_CIPHER, SecretCipher } from '../../application/ports/secret-cipher';
import { TOKEN_GENERATOR } from '../../application/ports/token-generator';
import { UNREADABLE_SECRET_REPORTER } from '../../application/ports/unreadable-secret.reporter';
import { TallyingUnreadableSecretReporter } from '../../adapters/system/tallying-unreadable-secret.reporter';
import { CryptoTokenGenerator } from '../../adapters/system/crypto-token-generator';
import { RandomBase62IdGenerator } from '../../adapters/system/random-base62-id-generator';
import { SystemClock } from '../../adapters/system/system-clock';

/** Clock, ids, tokens, the secret cipher and the tally of unreadable secrets: the system adapters every adapter set shares. */
export function systemModule(cipher: SecretCipher): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CLOCK).toConstantValue(new SystemClock());
    bind(ID_GENERATOR).toConstantValue(new RandomBase62IdGenerator());
    bind(TOKEN_GENERATOR).toConstantValue(new CryptoTokenGenerator());
    bind(SECRET_CIPHER).toConstantValue(cipher);
    bind(UNREADABLE_SECRET_REPORTER).toConstantValue(new TallyingUnreadableSecretReporter());
  });
}
