import { IdentityProvider } from '../../domain/identity-provider/identity-provider';
import { IdentityProviderRepository, IDENTITY_PROVIDER_REPOSITORY } from '../ports/identity-provider.repository';
import { Page } from '../ports/page';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';

export type ListIdentityProvidersCommand = PagingCommand;

export class ListIdentityProviders {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [IDENTITY_PROVIDER_REPOSITORY] as const;
  }

  constructor(private readonly providers: IdentityProviderRepository) {}

  async execute(command: ListIdentityProvidersCommand): Promise<Page<IdentityProvider>> {
    return this.providers.list(toPageSlice(command));
  }
}
