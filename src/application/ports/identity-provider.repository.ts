import { token } from './token';
import { IdentityProvider, NewIdentityProvider } from '../../domain/identity-provider/identity-provider';
import { Page, PageSlice } from './page';

/** Identity providers; the initial access token is stored encrypted. */
export interface IdentityProviderRepository {
  /** @throws IdentityProviderIssuerTakenError */
  create(provider: NewIdentityProvider): Promise<IdentityProvider>;
  findById(id: number): Promise<IdentityProvider | null>;
  /** Ordered by id. */
  list(page: PageSlice): Promise<Page<IdentityProvider>>;
}

export const IDENTITY_PROVIDER_REPOSITORY = token<IdentityProviderRepository>('IdentityProviderRepository');
