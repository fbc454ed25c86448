import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { accessRequestDeletedRecord, decisionRecord, provisionRecord, rotationRecord } from '../../../../application/shared/portal-audit';
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
import { requestView, requestViewsOfApps } from './in-memory-request-views';


export class InMemoryAccessRequestRepository implements AccessRequestRepository {
  constructor(
    private readonly store: InMemoryPortalStore,
    private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail(),
  ) {}

  async create(request: NewAccessRequest, change: ChangeContext): Promise<AccessRequest> {
    return this.store.transaction((t) => {
      if (!t.apps.has(request.appId)) throw new PortalAppNotFoundError(request.appId);
      const props: AccessRequestSnapshot = { ...request, id: InMemoryPortalStore.nextId(t, 'accessRequests') };
      t.accessRequests.set(props.id, props);
      const created = AccessRequest.restore(props);
      this.audit.record(change, provisionRecord(created, request.createdAt));
      return created;
    });
  }

  async findById(id: number): Promise<AccessRequestWithCredentials | null> {
    const props = this.store.read.accessRequests.get(id);
    return props ? requestView(this.store.read, props) : null;
  }

  async list(page: PageSlice): Promise<Page<AccessRequestWithCredentials>> {
    const tables = this.store.read;
    return InMemoryPortalStore.paginate(tables.accessRequests, page, (props) => requestView(tables, props));
  }

  async listByApps(appIds: readonly number[]): Promise<AccessRequestWithCredentials[]> {
    return requestViewsOfApps(this.store.read, appIds);
  }

  async listByApp(appId: number, page: PageSlice): Promise<Page<AccessRequestWithCredentials>> {
    const tables = this.store.read;
    const ofApp = new Map([...tables.accessRequests].filter(([, r]) => r.appId === appId));
    return InMemoryPortalStore.paginate(ofApp, page, (props) => requestView(tables, props));
  }

  async decide(
    id: number,
    derive: (request: AccessRequest, app: PortalApp) => AccessRequestDecision,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<AccessRequestWithCredentials> {
    return this.store.transaction((t) => {
      const props = t.accessRequests.get(id);
      if (!props) throw new AccessRequestNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      const app = t.apps.get(props.appId);
      if (!app) throw new PortalAppNotFoundError(props.appId);
      const { decided, issue } = derive(AccessRequest.restore(props), PortalApp.restore(app));
      const held = new Set(requestView(t, props).credentials.map((c) => c.id));
      t.accessRequests.set(id, decided.snapshot());
      for (const credential of issue) {
        const credentialId = InMemoryPortalStore.nextId(t, 'credentials');
        t.credentials.set(credentialId, { ...credential, accessRequestId: id, id: credentialId });
      }
      const after = requestView(t, decided.snapshot());
      const issued = after.credentials.filter((c) => !held.has(c.id));
      this.audit.record(change, decisionRecord(AccessRequest.restore(props), decided, issued, decided.updatedAt));
      return after;
    });
  }

  async delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    this.store.transaction((t) => {
      const props = t.accessRequests.get(id);
      if (!props) throw new AccessRequestNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      const doomed = requestView(t, props);
      t.accessRequests.delete(id);
      for (const c of [...t.credentials.values()]) if (c.accessRequestId === id) t.credentials.delete(c.id);
      this.audit.record(change, accessRequestDeletedRecord(doomed.accessRequest, doomed.credentials, at));
    });
  }

  async updateCredential(
    path: CredentialPath,
    derive: (credential: Credential) => Credential,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<{ credential: Credential; accessRequestVersion: number }> {
    return this.store.transaction((t) => {
      const row = t.credentials.get(path.credentialId);
      const request = row && t.accessRequests.get(row.accessRequestId);
      if (!row || !request || request.id !== path.accessRequestId || request.appId !== path.appId) {
        throw new CredentialNotFoundError(path.credentialId);
      }
      if (!versionSatisfies(request.version, expectedVersions)) throw new VersionMismatchError();
      const credential = derive(Credential.restore(row));
      // The identity and ownership of a credential are not the caller's to change.
      t.credentials.set(row.id, { ...credential.snapshot(), id: row.id, accessRequestId: row.accessRequestId });
      const accessRequestVersion = request.version + 1;
      t.accessRequests.set(request.id, { ...request, version: accessRequestVersion });
      const after = Credential.restore(t.credentials.get(row.id)!);
      this.audit.record(change, rotationRecord(Credential.restore(row), after, after.updatedAt));
      return { credential: after, accessRequestVersion };
    });
  }
}
