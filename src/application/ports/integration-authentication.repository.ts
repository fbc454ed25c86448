import { token } from './token';
import { Page, PageSlice } from './page';
import { AppIntegrationSnapshot } from '../../domain/app-integration/app-integration';
import { IntegrationAuthentication } from '../../domain/integration-authentication/integration-authentication';
import { IntegrationAuthenticationSettings } from '../../domain/integration-authentication/integration-authentication-settings';
import { ChangeContext } from '../../domain/audit/change-context';

/** A configuration together with the catalog entry it points at, as answers show it. */
export interface IntegrationAuthenticationView {
  readonly authentication: IntegrationAuthentication;
  readonly appIntegration: AppIntegrationSnapshot;
}

export interface IntegrationAuthenticationFilter {
  readonly appIntegrationId?: string;
  readonly status?: string;
  readonly keywords?: string;
}

/** What a PUT writes: the whole validated settings of one configuration, at a time, under an optional version precondition. */
export interface SettingsReplacement {
  readonly brandId: string;
  readonly id: string;
  readonly settings: IntegrationAuthenticationSettings;
  /** The new updatedDate; the creation time stays the stored one. */
  readonly at: Date;
  /** From If-Match: any one of them must be the stored version; absent: unconditional. */
  readonly expectedVersions?: readonly number[];
  /** Who asks: recorded with the write, in its statement. */
  readonly change: ChangeContext;
}


/**
 * Storage of brand configurations. Every method scopes by brand: another
 * brand's id behaves exactly like an unknown one. Writes are atomic and keep
 * at most one default per (brand, integration), clearing the previous one.
 *
 * Every write records one audit entry and its event (docs/events-and-audit.md)
 * in the same statement or transaction, with `change`; a failed write
 * records neither.
 *
 * Errors: IntegrationAuthenticationNotFoundError, AppIntegrationNotFoundError,
 * IntegrationAuthenticationCodeTakenError, VersionMismatchError.
 */
export interface IntegrationAuthenticationRepository {
  insert(authentication: IntegrationAuthentication, change: ChangeContext): Promise<IntegrationAuthenticationView>;

  /**
   * Writes the settings over the stored row of that brand and id, in one
   * round trip, advancing its version and keeping its creation time.
   */
  replace(replacement: SettingsReplacement): Promise<IntegrationAuthenticationView>;

  /**
   * Loads, lets `derive` make the new state, and writes it, in one
   * transaction. When `derive` answers the entity it was given (nothing
   * changed), nothing is written: no version, audit entry or event; the
   * current view is answered (`expectedVersions` still checked).
   */
  update(
    brandId: string,
    id: string,
    derive: (current: IntegrationAuthentication) => IntegrationAuthentication,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<IntegrationAuthenticationView>;

  findById(brandId: string, id: string): Promise<IntegrationAuthenticationView | null>;

  list(
    brandId: string,
    filter: IntegrationAuthenticationFilter,
    page: PageSlice,
  ): Promise<Page<IntegrationAuthenticationView>>;

  /** The brand's configurations of one integration, default first. */
  findForIntegration(brandId: string, appIntegrationId: string): Promise<IntegrationAuthenticationView[]>;

  /** `at`: the time the audit entry records. */
  delete(brandId: string, id: string, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void>;
}

export const INTEGRATION_AUTHENTICATION_REPOSITORY = token<IntegrationAuthenticationRepository>('IntegrationAuthenticationRepository');
