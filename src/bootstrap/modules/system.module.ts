import { ContainerModule } from 'inversify';
import { bindValue } from './bind-use-case';
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
    bindValue(bind, CLOCK, new SystemClock());
    bindValue(bind, ID_GENERATOR, new RandomBase62IdGenerator());
    bindValue(bind, TOKEN_GENERATOR, new CryptoTokenGenerator());
    bindValue(bind, SECRET_CIPHER, cipher);
    bindValue(bind, UNREADABLE_SECRET_REPORTER, new TallyingUnreadableSecretReporter());
  });
}
