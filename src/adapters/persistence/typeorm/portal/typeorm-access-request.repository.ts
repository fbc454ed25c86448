import { ChangeContext } from '../../../../domain/audit/change-context';
import { managerQuery, recordChange } from '../audit-sql';
import { accessRequestDeletedRecord, decisionRecord, provisionRecord, rotationRecord } from '../../../../application/shared/portal-audit';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccessRequestDecision,
  AccessRequestRepository,
  AccessRequestWithCredentials,
  CredentialPath,
} from '../../../../application/ports/access-request.repository';
import { Page, PageSlice } from '../../../../application/ports/page';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { UnreadableSecretReporter } from '../../../../application/ports/unreadable-secret.reporter';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';
import { SecretReader, secretReader } from '../readable-secret';
import { AccessRequest, NewAccessRequest } from '../../../../domain/access-request/access-request';
import { Credential, NewCredential } from '../../../../domain/access-request/credential';
import { PortalApp } from '../../../../domain/portal-app/portal-app';
import { AccessRequestNotFoundError, CredentialNotFoundError } from '../../../../domain/access-request/access-request-errors';
import { PortalAppNotFoundError } from '../../../../domain/portal-app/portal-app-errors';
import { FOREIGN_KEY_VIOLATION, pgError } from '../pg-errors';
import { poolQuery } from '../pool-query';
import { retryingDeadlocks } from '../deadlock-retry';
import { LOCK_APP_OF_REQUEST } from './app-lock';
import { CREDENTIAL_COLUMNS, credentialValues, CredentialRow, toCredential } from './credential.rows';
import { AccessRequestRow, limitOffset, PortalAppRow, toAccessRequest, toPortalApp } from './portal.rows';
import { requestsWithCredentials, toRequestView } from './request-views';
import { totalBehind, totalItems } from '../paging-sql';

/** The requests of one app ($1), as a page counts them. */
const BY_APP = { from: 'access_requests', where: 'app_id = $1' };

const CREDENTIAL_INSERT = `INSERT INTO portal_credentials (id, ${CREDENTIAL_COLUMNS.join(', ')})
  VALUES ($1, ${CREDENTIAL_COLUMNS.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING *`;

const CREDENTIAL_UPDATE = `WITH updated AS (
    UPDATE portal_credentials SET ${CREDENTIAL_COLUMNS.map((column, i) => `${column} = $${i + 2}`).join(', ')},
           version = version + 1
     WHERE id = $1 RETURNING *)
  SELECT * FROM updated`;

export class TypeOrmAccessRequestRepository implements AccessRequestRepository {
  private readonly hot = poolQuery(this.dataSource);
  private readonly read: SecretReader;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    reporter: UnreadableSecretReporter = { report: () => undefined },
  ) {
    this.read = secretReader(cipher, reporter);
  }

  async create(request: NewAccessRequest, change: ChangeContext): Promise<AccessRequest> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows: AccessRequestRow[] = await manager.query(
          `INSERT INTO access_requests (app_id, user_id, catalogue, plan, client, status, auth_type, product_ids,
             product_names, dcr_enabled, provision_immediately, created_at, updated_at, deleted_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
          [
            request.appId, request.userId, request.catalogue, request.plan, request.client, request.status, request.authType,
            request.productIds, request.productNames, request.dcrEnabled, request.provisionImmediately, request.createdAt,
            request.updatedAt, request.deletedAt, request.version,
          ],
        );
        const created = toAccessRequest(rows[0]);
        await recordChange(managerQuery(manager), provisionRecord(created, request.createdAt), change);
        return created;
      });
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === FOREIGN_KEY_VIOLATION && constraint === 'fk_access_requests_app') throw new PortalAppNotFoundError(request.appId);
      throw error;
    }
  }

  async findById(id: number): Promise<AccessRequestWithCredentials | null> {
    const rows: AccessRequestRow[] = await this.dataSource.query(`${requestsWithCredentials()} WHERE ar.id = $1`, [id]);
    return rows.length === 0 ? null : toRequestView(rows[0], this.read);
  }

  async list(page: PageSlice): Promise<Page<AccessRequestWithCredentials>> {
    const rows: AccessRequestRow[] = await this.dataSource.query(
      // The page is cut first, so credentials are aggregated for its rows only.
      `${requestsWithCredentials(`(SELECT *, ${totalItems({ from: 'access_requests' })} FROM access_requests ORDER BY id LIMIT $1 OFFSET $2)`, true)}
        ORDER BY ar.id`,
      limitOffset(page),
    );
    const total = await totalBehind(rows, this.dataSource, { from: 'access_requests' });
    return { items: rows.map((row) => toRequestView(row, this.read)), total };
  }

  async listByApps(appIds: readonly number[]): Promise<AccessRequestWithCredentials[]> {
    if (appIds.length === 0) return [];
    const rows = await this.hot<AccessRequestRow>(
      `${requestsWithCredentials()} WHERE ar.app_id = ANY($1::integer[]) ORDER BY ar.id`,
      [[...new Set(appIds)]],
    );
    return rows.map((row) => toRequestView(row, this.read));
  }

  async listByApp(appId: number, page: PageSlice): Promise<Page<AccessRequestWithCredentials>> {
    const [limit, offset] = limitOffset(page);
    const rows: AccessRequestRow[] = await this.dataSource.query(
      `${requestsWithCredentials(`(SELECT *, ${totalItems(BY_APP)} FROM access_requests WHERE app_id = $1 ORDER BY id LIMIT $2 OFFSET $3)`, true)}
        ORDER BY ar.id`,
      [appId, limit, offset],
    );
    const total = await totalBehind(rows, this.dataSource, BY_APP, [appId]);
    return { items: rows.map((row) => toRequestView(row, this.read)), total };
  }

  async decide(
    id: number,
    derive: (request: AccessRequest, app: PortalApp) => AccessRequestDecision,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<AccessRequestWithCredentials> {
    return retryingDeadlocks(() => this.dataSource.transaction(async (manager) => {
      // The app's lock first (LOCK_APP_OF_REQUEST) orders a decision and a change of the app's
      // redirect URLs: the credential is issued with the URLs the app has when the decision commits,
      // and the app's update waits for it (and then points it at new URLs) rather than missing it.
      // The request's row lock then serialises decisions: two approvals cannot both see "pending".
      await manager.query(LOCK_APP_OF_REQUEST, [id]);
      const rows: (AccessRequestRow & { app: PortalAppRow })[] = await manager.query(
        `SELECT ar.*, row_to_json(a) AS app FROM access_requests ar JOIN portal_apps a ON a.id = ar.app_id
          WHERE ar.id = $1 FOR UPDATE OF ar`,
        [id],
      );
      if (rows.length === 0) throw new AccessRequestNotFoundError(id);
      const current = toAccessRequest(rows[0]);
      if (!versionSatisfies(current.version, expectedVersions)) throw new VersionMismatchError();
      const app = rows[0].app;
      const { decided: request, issue } = derive(current, toPortalApp({ ...app, created_at: new Date(app.created_at), updated_at: new Date(app.updated_at) }));
      await manager.query(
        `UPDATE access_requests SET status = $2, updated_at = $3, version = $4 WHERE id = $1`,
        [id, request.status, request.updatedAt, request.version],
      );
      const credentials = await this.insertCredentials(manager, id, issue);
      await recordChange(managerQuery(manager), decisionRecord(current, request, credentials, request.updatedAt), change);
      return { accessRequest: request, credentials };
    }));
  }

  async delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    // Its credentials are revoked with it (ON DELETE CASCADE); read first in the same statement, for their events.
    const deleted = await retryingDeadlocks(() => this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_APP_OF_REQUEST, [id]);
      const rows: AccessRequestRow[] = await manager.query(
        `WITH doomed AS (${requestsWithCredentials()} WHERE ar.id = $1 AND ($2::integer[] IS NULL OR ar.version = ANY($2)) FOR UPDATE OF ar),
              deleted AS (DELETE FROM access_requests WHERE id IN (SELECT id FROM doomed) RETURNING id)
         SELECT doomed.* FROM doomed JOIN deleted USING (id)`,
        [id, expectedVersions ?? null],
      );
      if (rows.length === 0) return false;
      const view = toRequestView(rows[0], this.read);
      await recordChange(managerQuery(manager), accessRequestDeletedRecord(view.accessRequest, view.credentials, at), change);
      return true;
    }));
    if (deleted) return;
    if (expectedVersions !== undefined && (await this.findById(id)) !== null) throw new VersionMismatchError();
    throw new AccessRequestNotFoundError(id);
  }

  async updateCredential(
    path: CredentialPath,
    derive: (credential: Credential) => Credential,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<{ credential: Credential; accessRequestVersion: number }> {
    return retryingDeadlocks(() => this.dataSource.transaction(async (manager) => {
      // The app first (LOCK_APP_OF_REQUEST), then both rows: the request's version moves with its credential.
      await manager.query(LOCK_APP_OF_REQUEST, [path.accessRequestId]);
      const rows: (CredentialRow & { ar_version: number })[] = await manager.query(
        `SELECT c.*, ar.version AS ar_version FROM portal_credentials c JOIN access_requests ar ON ar.id = c.access_request_id
          WHERE c.id = $1 AND ar.id = $2 AND ar.app_id = $3 FOR UPDATE OF c, ar`,
        [path.credentialId, path.accessRequestId, path.appId],
      );
      if (rows.length === 0) throw new CredentialNotFoundError(path.credentialId);
      if (!versionSatisfies(rows[0].ar_version, expectedVersions)) throw new VersionMismatchError();
      const before = toCredential(rows[0], this.read);
      const credential = derive(before);
      // The identity and ownership of a credential are not the caller's to change.
      const props = { ...credential.snapshot(), accessRequestId: rows[0].access_request_id };
      const updated: CredentialRow[] = await manager.query(CREDENTIAL_UPDATE, [rows[0].id, ...credentialValues(rows[0].id, props, this.cipher)]);
      const bumped: { version: number }[] = await manager.query(
        `WITH bumped AS (UPDATE access_requests SET version = version + 1 WHERE id = $1 RETURNING version) SELECT version FROM bumped`,
        [rows[0].access_request_id],
      );
      const after = toCredential(updated[0], this.read);
      await recordChange(managerQuery(manager), rotationRecord(before, after, after.updatedAt), change);
      return { credential: after, accessRequestVersion: bumped[0].version };
    }));
  }

  private async insertCredentials(manager: EntityManager, accessRequestId: number, issued: readonly NewCredential[]): Promise<Credential[]> {
    if (issued.length === 0) return [];
    // Ids first, so each secret is encrypted bound to the row it goes into.
    const ids: { id: number }[] = await manager.query(
      `SELECT nextval(pg_get_serial_sequence('portal_credentials', 'id'))::integer AS id FROM generate_series(1, $1)`,
      [issued.length],
    );
    const credentials: Credential[] = [];
    for (const [i, credential] of issued.entries()) {
      const id = ids[i].id;
      const rows: CredentialRow[] = await manager.query(CREDENTIAL_INSERT, [
        id, ...credentialValues(id, { ...credential, accessRequestId }, this.cipher),
      ]);
      credentials.push(toCredential(rows[0], this.read));
    }
    return credentials;
  }
}
