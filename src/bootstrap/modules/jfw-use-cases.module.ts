import { ContainerModule } from 'inversify';
import { useCasesModule } from './bind-use-case';
import { JFW_USE_CASES } from './use-case-registry';

/** The JFramework use cases (application/jfw.use-cases.ts), keyed by their classes. */
export function jfwUseCasesModule(): ContainerModule {
  return useCasesModule(JFW_USE_CASES);
}
