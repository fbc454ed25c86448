import { ContainerModule } from 'inversify';
import { bindUseCase } from './bind-use-case';
import { SECRET_CIPHER } from '../../application/ports/secret-cipher';
import { STORED_SECRETS_REPOSITORY } from '../../application/ports/stored-secrets.repository';
import { ReencryptSecrets } from '../../application/secrets/reencrypt-secrets.use-case';

/** Use cases over the secrets of both surfaces (key rotation). */
export function secretsUseCasesModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindUseCase(bind, ReencryptSecrets, [STORED_SECRETS_REPOSITORY, SECRET_CIPHER]);
  });
}
