import { AccessRequestWithCredentials } from '../../../../application/ports/access-request.repository';
import { SecretReader } from '../readable-secret';
import { toCredential } from './credential.rows';
import { ACCESS_REQUEST_COLUMNS, AccessRequestRow, toAccessRequest } from './portal.rows';

/*
 * An access request as every reader shows it, with its credentials, read in
 * the same round trip: shared by the requests' own reads and the app's
 * update, which answers the app with its requests (docs/performance.md).
 */

/** Requests of `source` (aliased `ar`) with their credentials as `credentials`, oldest first. */
export function requestsWithCredentials(source = 'access_requests', withTotal = false): string {
  return `
    SELECT ${ACCESS_REQUEST_COLUMNS.map((c) => `ar.${c}`).join(', ')}${withTotal ? ', ar.total_items' : ''}, coalesce(
             (SELECT json_agg(c ORDER BY c.id) FROM portal_credentials c WHERE c.access_request_id = ar.id),
             '[]') AS credentials
      FROM ${source} ar`;
}

/** A row of `requestsWithCredentials` (or the same shape read through json_agg) as the port answers it. */
export function toRequestView(row: AccessRequestRow, read: SecretReader): AccessRequestWithCredentials {
  return {
    accessRequest: toAccessRequest(row),
    credentials: (row.credentials ?? []).map((c) => toCredential(c, read)),
  };
}
