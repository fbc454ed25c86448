import { AccessRequestWithCredentials } from '../../../../application/ports/access-request.repository';
import { AccessRequest, AccessRequestSnapshot } from '../../../../domain/access-request/access-request';
import { Credential } from '../../../../domain/access-request/credential';
import { InMemoryPortalStore } from './in-memory-portal.store';

type Tables = InMemoryPortalStore['read'];

/** A request with its credentials, oldest first, as the port answers it. */
export function requestView(tables: Tables, props: AccessRequestSnapshot): AccessRequestWithCredentials {
  const credentials = [...tables.credentials.values()]
    .filter((c) => c.accessRequestId === props.id)
    .sort((a, b) => a.id - b.id)
    .map(Credential.restore);
  return { accessRequest: AccessRequest.restore(props), credentials };
}

/** Every request of the given apps with its credentials, oldest first. */
export function requestViewsOfApps(tables: Tables, appIds: readonly number[]): AccessRequestWithCredentials[] {
  const wanted = new Set(appIds);
  return [...tables.accessRequests.values()]
    .filter((r) => wanted.has(r.appId))
    .sort((a, b) => a.id - b.id)
    .map((props) => requestView(tables, props));
}
