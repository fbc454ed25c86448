import {
  AccessRequestRepository,
  AccessRequestDecision,
  AccessRequestWithCredentials,
  CredentialPath,
} from '../../../../application/ports/access-request.repository';
import { Page, PageSlice } from '../../../../application/ports/page';
import { AccessRequest, AccessRequestSnapshot, NewAccessRequest } from '../../../../domain/access-request/access-request';
import { Credential } from '../../../../domain/access-request/credential';
import { PortalApp } from '../../../../domain/portal-app/portal-app';
import { AccessRequestNotFoundError, CredentialNotFoundError } from '../../../../domain/access-request/access-request-errors';
import { PortalAppNotFoundError } from '../../../../domain/portal-app/portal-app-errors';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';
import { InMemoryPortalStore } from './in-memory-portal.store';

type Tables = InMemoryPortalStore['read'];

export class InMemoryAccessRequestRepository implements AccessRequestRepository {
  constructor(private readonly store: InMemoryPortalStore) {}

  async create(request: NewAccessRequest): Promise<AccessRequest> {
    return this.store.transaction((t) => {
      if (!t.apps.has(request.appId)) throw new PortalAppNotFoundError(request.appId);
      const props: AccessRequestSnapshot = { ...request, id: InMemoryPortalStore.nextId(t, 'accessRequests') };
      t.accessRequests.set(props.id, props);
      return AccessRequest.restore(props);
    });
  }

  async findById(id: number): Promise<AccessRequestWithCredentials | null> {
    const props = this.store.read.accessRequests.get(id);
    return props ? withCredentials(this.store.read, props) : null;
  }

  async list(page: PageSlice): Promise<Page<AccessRequestWithCredentials>> {
    const tables = this.store.read;
    return InMemoryPortalStore.paginate(tables.accessRequests, page, (props) => withCredentials(tables, props));
  }

  async listByApps(appIds: readonly number[]): Promise<AccessRequestWithCredentials[]> {
    const wanted = new Set(appIds);
    const tables = this.store.read;
    return [...tables.accessRequests.values()]
      .filter((r) => wanted.has(r.appId))
      .sort((a, b) => a.id - b.id)
      .map((props) => withCredentials(tables, props));
  }

  async listByApp(appId: number, page: PageSlice): Promise<Page<AccessRequestWithCredentials>> {
    const tables = this.store.read;
    const ofApp = new Map([...tables.accessRequests].filter(([, r]) => r.appId === appId));
    return InMemoryPortalStore.paginate(ofApp, page, (props) => withCredentials(tables, props));
  }

  async decide(
    id: number,
    change: (request: AccessRequest, app: PortalApp) => AccessRequestDecision,
    expectedVersions?: readonly number[],
  ): Promise<AccessRequestWithCredentials> {
    return this.store.transaction((t) => {
      const props = t.accessRequests.get(id);
      if (!props) throw new AccessRequestNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      const app = t.apps.get(props.appId);
      if (!app) throw new PortalAppNotFoundError(props.appId);
      const { decided, issue } = change(AccessRequest.restore(props), PortalApp.restore(app));
      t.accessRequests.set(id, decided.snapshot());
      for (const credential of issue) {
        const credentialId = InMemoryPortalStore.nextId(t, 'credentials');
        t.credentials.set(credentialId, { ...credential, accessRequestId: id, id: credentialId });
      }
      return withCredentials(t, decided.snapshot());
    });
  }

  async delete(id: number, expectedVersions?: readonly number[]): Promise<void> {
    this.store.transaction((t) => {
      const props = t.accessRequests.get(id);
      if (!props) throw new AccessRequestNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      t.accessRequests.delete(id);
      for (const c of [...t.credentials.values()]) if (c.accessRequestId === id) t.credentials.delete(c.id);
    });
  }

  async updateCredential(
    path: CredentialPath,
    change: (credential: Credential) => Credential,
    expectedVersions?: readonly number[],
  ): Promise<{ credential: Credential; accessRequestVersion: number }> {
    return this.store.transaction((t) => {
      const row = t.credentials.get(path.credentialId);
      const request = row && t.accessRequests.get(row.accessRequestId);
      if (!row || !request || request.id !== path.accessRequestId || request.appId !== path.appId) {
        throw new CredentialNotFoundError(path.credentialId);
      }
      if (!versionSatisfies(request.version, expectedVersions)) throw new VersionMismatchError();
      const credential = change(Credential.restore(row));
      // The identity and ownership of a credential are not the caller's to change.
      t.credentials.set(row.id, { ...credential.snapshot(), id: row.id, accessRequestId: row.accessRequestId });
      const accessRequestVersion = request.version + 1;
      t.accessRequests.set(request.id, { ...request, version: accessRequestVersion });
      return { credential: Credential.restore(t.credentials.get(row.id)!), accessRequestVersion };
    });
  }
}

function withCredentials(tables: Tables, props: AccessRequestSnapshot): AccessRequestWithCredentials {
  const credentials = [...tables.credentials.values()]
    .filter((c) => c.accessRequestId === props.id)
    .sort((a, b) => a.id - b.id)
    .map(Credential.restore);
  return { accessRequest: AccessRequest.restore(props), credentials };
}
