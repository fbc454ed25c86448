import { token } from './token';
import { AppIntegration } from '../../domain/app-integration/app-integration';
import { Page, PageSlice } from './page';
import { ChangeContext } from '../../domain/audit/change-context';

export interface AppIntegrationFilter {
  readonly type?: string;
  readonly status?: string;
  readonly keywords?: string;
}

/** The shared catalog of integrations (Google sign-in, Stripe, …). */
export interface AppIntegrationCatalog {
  /** Records its audit entry (no brand: the catalog is shared) with the insert. */
  add(entry: AppIntegration, change: ChangeContext): Promise<void>;
  findById(id: string): Promise<AppIntegration | null>;
  list(filter: AppIntegrationFilter, page: PageSlice): Promise<Page<AppIntegration>>;
}

export const APP_INTEGRATION_CATALOG = token<AppIntegrationCatalog>('AppIntegrationCatalog');
