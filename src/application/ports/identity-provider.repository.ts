import { token } from './token';
import { ChangeContext } from '../../domain/audit/change-context';
import { IdentityProvider, NewIdentityProvider } from '../../domain/identity-provider/identity-provider';
import { Page, PageSlice } from './page';

/** Identity providers; the initial access token is stored encrypted. */
export interface IdentityProviderRepository {
  /** Records its audit entry in the same write. @throws IdentityProviderIssuerTakenError */
  create(provider: NewIdentityProvider, change: ChangeContext): Promise<IdentityProvider>;
  findById(id: number): Promise<IdentityProvider | null>;
  /** Ordered by id. */
  list(page: PageSlice): Promise<Page<IdentityProvider>>;
}

export const IDENTITY_PROVIDER_REPOSITORY = token<IdentityProviderRepository>('IdentityProviderRepository');
