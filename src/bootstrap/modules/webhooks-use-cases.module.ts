import { ContainerModule } from 'inversify';
import { useCasesModule } from './bind-use-case';
import { WEBHOOKS_USE_CASES } from './use-case-registry';

/** Webhook subscriptions (both surfaces) and the delivery jobs (application/webhooks.use-cases.ts), keyed by their classes. */
export function webhooksUseCasesModule(): ContainerModule {
  return useCasesModule(WEBHOOKS_USE_CASES);
}
