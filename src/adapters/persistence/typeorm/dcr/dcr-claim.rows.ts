import { DcrClientSettings } from '../../../../domain/api-product/api-product';
import { ClientMetadata, REGISTRATION_SECRET_FIELDS, RegisteredClient } from '../../../../application/ports/client-registration';
import { DcrClaim } from '../../../../application/ports/dcr-sync.store';
import { initialAccessTokenContext } from '../identity-provider/typeorm-identity-provider.repository';
import { credentialContext, registrationTokenContext } from '../portal/credential.rows';


/** A claimed credential with what the job needs of its provider and app. */
export interface DcrClaimRow {
  id: number;
  redirect_uri: string | null;
  oauth_client_id: string | null;
  oauth_client_secret: string | null;
  dcr_registration_client_uri: string | null;
  dcr_registration_access_token: string | null;
  dcr_client_metadata: DcrClientSettings;
  dcr_desired_version: number;
  dcr_synced_version: number | null;
  dcr_rotate_requested: boolean;
  dcr_attempt_id: string;
  dcr_failures: number;
  dcr_failing_since: Date | null;
  unfinished_attempt_id: string | null;
  idp_id: number;
  registration_endpoint: string;
  initial_access_token: string | null;
  app_id: number;
  app_name: string;
}

type Decrypt = (stored: string, context: string) => string;

export function toClaim(row: DcrClaimRow, decrypt: Decrypt): DcrClaim {
  const settings = row.dcr_client_metadata;
  const metadata: ClientMetadata = {
    redirectUris: (row.redirect_uri ?? '').split(',').filter(Boolean),
    grantTypes: settings.grantTypes,
    responseTypes: settings.responseTypes,
    tokenEndpointAuthMethod: settings.tokenEndpointAuthMethod,
    scope: settings.scope || null,
    clientName: row.app_name,
    // RFC 7591 §2: the same for every registration of this software, so an operator can find ours.
    softwareId: `integration-hub:portal-app:${row.app_id}`,
  };
  const registered = row.oauth_client_id !== null && row.dcr_registration_client_uri !== null && row.dcr_registration_access_token !== null;
  return {
    credentialId: row.id,
    identityProviderId: row.idp_id,
    attemptId: row.dcr_attempt_id,
    unfinishedAttemptId: row.unfinished_attempt_id,
    target: {
      registrationEndpoint: row.registration_endpoint,
      initialAccessToken: row.initial_access_token === null ? null : decrypt(row.initial_access_token, initialAccessTokenContext(row.idp_id)),
    },
    metadata,
    clientId: row.oauth_client_id,
    registration: registered
      ? {
        clientId: row.oauth_client_id!,
        clientSecret: row.oauth_client_secret === null ? null : decrypt(row.oauth_client_secret, credentialContext(row.id)),
        registrationClientUri: row.dcr_registration_client_uri!,
        registrationAccessToken: decrypt(row.dcr_registration_access_token!, registrationTokenContext(row.id)),
      }
      : null,
    desiredVersion: row.dcr_desired_version,
    syncedVersion: row.dcr_synced_version,
    rotateRequested: row.dcr_rotate_requested,
    failures: row.dcr_failures,
    failingSince: row.dcr_failing_since === null ? null : new Date(row.dcr_failing_since),
  };
}

/** The provider's answer as stored: its JSON text without the secrets, which go to encrypted columns. */
export function storedResponse(client: RegisteredClient): string {
  const secret = new Set<string>(REGISTRATION_SECRET_FIELDS);
  return JSON.stringify(Object.fromEntries(Object.entries(client.response).filter(([key]) => !secret.has(key))));
}
