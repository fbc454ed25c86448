import { ContainerModule } from 'inversify';
import { useCasesModule } from './bind-use-case';
import { OPERATIONS_USE_CASES } from './use-case-registry';

/** Use cases over the secrets of both surfaces (application/operations.use-cases.ts: key rotation). */
export function secretsUseCasesModule(): ContainerModule {
  return useCasesModule(OPERATIONS_USE_CASES);
}
