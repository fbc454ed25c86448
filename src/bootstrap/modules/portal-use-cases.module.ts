import { ContainerModule } from 'inversify';
import { useCasesModule } from './bind-use-case';
import { PORTAL_USE_CASES } from './use-case-registry';

/** The developer-portal use cases (application/portal.use-cases.ts), keyed by their classes. */
export function portalUseCasesModule(): ContainerModule {
  return useCasesModule(PORTAL_USE_CASES);
}
