import { token } from './token';
import { AppIntegration } from '../../domain/app-integration/app-integration';
import { Page, PageSlice } from './page';

export interface AppIntegrationFilter {
  readonly type?: string;
  readonly status?: string;
  readonly keywords?: string;
}

/** The shared catalog of integrations (Google sign-in, Stripe, …). */
export interface AppIntegrationCatalog {
  add(entry: AppIntegration): Promise<void>;
  findById(id: string): Promise<AppIntegration | null>;
  list(filter: AppIntegrationFilter, page: PageSlice): Promise<Page<AppIntegration>>;
}

export const APP_INTEGRATION_CATALOG = token<AppIntegrationCatalog>('AppIntegrationCatalog');
