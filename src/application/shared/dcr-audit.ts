import { ChangeContext } from '../../domain/audit/change-context';
import { fieldChanges, RecordedChange } from '../../domain/audit/recorded-change';
import { IdentityProvider } from '../../domain/identity-provider/identity-provider';

/**
 * What the dcr-sync job records in the audit trail (docs/dcr.md): the
 * credential's registration state as it changes, secrets only as changed.
 * The job is its own actor: no admin or key asked for the provider's answer.
 */
export const DCR_SYNC_CHANGE: ChangeContext = { actor: { kind: 'job', id: 'dcr-sync' }, correlationId: null };

/** The credential's registration as the audit trail shows it; secrets are compared, never shown. */
export interface DcrRegistrationState {
  readonly DCRSyncStatus: string | null;
  readonly DCRSyncError: string | null;
  readonly OAuthClientID: string | null;
  readonly DCRRegistrationClientURI: string | null;
  /** Ciphertexts or digests: only whether they changed is recorded. */
  readonly OAuthClientSecret: string | null;
  readonly DCRRegistrationAccessToken: string | null;
  readonly DCRResponse: string | null;
}

const SHOWN = ['DCRSyncStatus', 'DCRSyncError', 'OAuthClientID', 'DCRRegistrationClientURI'];
const SECRET = ['OAuthClientSecret', 'DCRRegistrationAccessToken', 'DCRResponse'];

/** The entry for one write-back; null when nothing the trail shows changed (a retry with the same error). */
export function dcrSyncRecord(credentialId: number, before: DcrRegistrationState, after: DcrRegistrationState, at: Date): RecordedChange | null {
  const changes = fieldChanges({ ...before }, { ...after }, SHOWN, SECRET);
  if (changes.length === 0) return null;
  return { at, surface: 'portal', brandId: null, action: 'updated', resource: { type: 'credential', id: String(credentialId) }, changes };
}

/** The provider forgot the client of a deleted credential. */
export function dcrDeletionRecord(credentialId: number, clientId: string, at: Date): RecordedChange {
  return {
    at, surface: 'portal', brandId: null, action: 'deleted', resource: { type: 'credential', id: String(credentialId) },
    changes: [{ field: 'OAuthClientID', from: clientId, to: null }],
  };
}

/** `idps:create`: the provider as created; the initial access token only as set. */
export function identityProviderRecord(provider: IdentityProvider, at: Date): RecordedChange {
  return {
    at, surface: 'portal', brandId: null, action: 'created', resource: { type: 'identity-provider', id: String(provider.id) },
    changes: fieldChanges(
      null,
      { Name: provider.name, Issuer: provider.issuer, RegistrationEndpoint: provider.registrationEndpoint, InitialAccessToken: provider.initialAccessToken },
      ['Name', 'Issuer', 'RegistrationEndpoint'], ['InitialAccessToken'],
    ),
  };
}
