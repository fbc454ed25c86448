import { ChangeContext } from '../../../../domain/audit/change-context';
import { actorParams, managerQuery, recordChange } from '../audit-sql';
import { portalAppRecord } from '../../../../application/shared/portal-audit';
import { DataSource } from 'typeorm';
import { Page, PageSlice } from '../../../../application/ports/page';
import { PortalAppRepository, PortalAppWithRequests } from '../../../../application/ports/portal-app.repository';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { UnreadableSecretReporter } from '../../../../application/ports/unreadable-secret.reporter';
import { NewPortalApp, PortalApp, ValidPortalAppChanges } from '../../../../domain/portal-app/portal-app';
import { PortalAppNotFoundError } from '../../../../domain/portal-app/portal-app-errors';
import { PortalUserNotFoundError } from '../../../../domain/portal-user/portal-user-errors';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { FOREIGN_KEY_VIOLATION, LOCK_NOT_AVAILABLE, pgError } from '../pg-errors';
import { poolQuery } from '../pool-query';
import { ACCESS_REQUEST_COLUMNS, AccessRequestRow, limitOffset, PORTAL_APP_COLUMNS, PortalAppRow, toPortalApp } from './portal.rows';
import { toRequestView } from './request-views';
import { SecretReader, secretReader } from '../readable-secret';
import { totalBehind, totalItems } from '../paging-sql';

/*
 * One statement applies the partial change (a null parameter keeps the
 * column, as a field left out keeps its value) and, in a second
 * data-modifying CTE, points every oauth2 credential of the app at the new
 * RedirectURLs: both commit or neither. PostgreSQL runs a data-modifying CTE
 * even when nothing reads it. The row lock of the UPDATE orders concurrent
 * writers, so no read-then-write retry is needed; the version guard only
 * applies when the client sent If-Match. An access request whose credential
 * followed moves its version (the aggregate changed), in a third CTE.
 * Audit (docs/events-and-audit.md): `old` locks and reads the row the UPDATE
 * then changes (the "from" values, right under concurrent writers), and
 * `recorded` writes the audit entry and the event; the final SELECT reads
 * it, so it cannot be skipped, and the PUT keeps its one write statement.
 * The app's access requests with their credentials come back in the same
 * statement, as `requests` (one JSON value): every part of a statement reads
 * the snapshot taken at its start, which a data-modifying CTE's own changes
 * are not in, so `requests` takes the followed credentials and moved versions
 * from `followed` and `moved` and the rest from the tables. Before, a second
 * statement read them: 2 round trips per PUT (docs/performance.md).
 * That snapshot is why `old` locks with NOWAIT: a statement that waited for
 * another writer of the app (a PUT, an approval issuing a credential, a new
 * access request) would write and answer from a snapshot taken before that
 * writer committed — credentials it issued not following new redirect URLs,
 * an answer pairing the newest app with older credentials. Refused at once
 * instead (55P03), the repository waits for the lock in a transaction and
 * sends the statement there, whose snapshot then starts after the wait.
 * Another update committed between the statement's start and its lock makes
 * the locked row newer than the snapshot's: `updated` then writes nothing
 * (the versions compared), and the repository sends the statement again
 * the same way.
 */
const UPDATE_SQL = `
  WITH old AS (SELECT * FROM portal_apps WHERE id = $1 FOR UPDATE NOWAIT),
  updated AS (
    UPDATE portal_apps p SET name = coalesce($3, p.name), description = coalesce($4, p.description),
           redirect_urls = coalesce($5, p.redirect_urls), user_id = coalesce($6, p.user_id),
           visibility = coalesce($7, p.visibility), version = p.version + 1, updated_at = $8
      FROM old WHERE p.id = old.id AND ($2::integer[] IS NULL OR p.version = ANY($2))
       AND old.version = (SELECT s.version FROM portal_apps s WHERE s.id = $1) RETURNING p.*),
  followed AS (
    UPDATE portal_credentials c SET redirect_uri = u.redirect_urls, updated_at = u.updated_at, version = c.version + 1
      FROM updated u JOIN access_requests ar ON ar.app_id = u.id
     WHERE c.access_request_id = ar.id AND c.auth_type = 'oauth2' AND c.redirect_uri IS DISTINCT FROM u.redirect_urls
    RETURNING c.*),
  moved AS (
    UPDATE access_requests SET version = version + 1
     WHERE id IN (SELECT access_request_id FROM followed)
    RETURNING id, version),
  recorded AS (
    SELECT ih_record_change($8, 'portal', NULL, $9, $10, 'updated', 'portal-app', u.id::text,
             ih_changes(ih_portal_app_json(o::portal_apps), ih_portal_app_json(u::portal_apps),
               ARRAY['Name', 'Description', 'RedirectURLs', 'UserID', 'Visibility']),
             $11, 'portal-app.updated', ih_portal_app_json(u::portal_apps)) AS audit_id
      FROM updated u CROSS JOIN old o),
  requests AS (
    SELECT ${ACCESS_REQUEST_COLUMNS.map((c) => (c === 'version' ? 'coalesce(m.version, ar.version) AS version' : `ar.${c}`)).join(', ')}, coalesce(
             (SELECT json_agg(c ORDER BY c.id) FROM (
                SELECT * FROM followed f WHERE f.access_request_id = ar.id
                UNION ALL
                SELECT * FROM portal_credentials pc WHERE pc.access_request_id = ar.id AND pc.id NOT IN (SELECT id FROM followed)) c),
             '[]') AS credentials
      FROM updated u JOIN access_requests ar ON ar.app_id = u.id LEFT JOIN moved m ON m.id = ar.id)
  SELECT ${PORTAL_APP_COLUMNS.map((c) => `updated.${c}`).join(', ')},
         (SELECT coalesce(json_agg(r ORDER BY r.id), '[]') FROM requests r) AS requests
    FROM updated CROSS JOIN recorded`;

type UpdatedRow = PortalAppRow & { requests: AccessRequestRow[] };

export class TypeOrmPortalAppRepository implements PortalAppRepository {
  private readonly hot = poolQuery(this.dataSource);
  private readonly read: SecretReader;

  constructor(
    private readonly dataSource: DataSource,
    cipher: SecretCipher,
    reporter: UnreadableSecretReporter = { report: () => undefined },
  ) {
    this.read = secretReader(cipher, reporter);
  }

  async create(app: NewPortalApp, change: ChangeContext): Promise<PortalApp> {
    return this.write(app.userId, () =>
      this.dataSource.transaction(async (manager) => {
        const rows: PortalAppRow[] = await manager.query(
          `INSERT INTO portal_apps (name, description, redirect_urls, user_id, visibility, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [app.name, app.description, app.redirectUrls, app.userId, app.visibility, app.version, app.createdAt, app.updatedAt],
        );
        const created = toPortalApp(rows[0]);
        await recordChange(managerQuery(manager), portalAppRecord('created', null, created, app.createdAt), change);
        return created;
      }),
    );
  }

  async findById(id: number): Promise<PortalApp | null> {
    const rows: PortalAppRow[] = await this.dataSource.query(`SELECT * FROM portal_apps WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toPortalApp(rows[0]);
  }

  async list(page: PageSlice): Promise<Page<PortalApp>> {
    const rows: PortalAppRow[] = await this.dataSource.query(
      `SELECT *, ${totalItems({ from: 'portal_apps' })} FROM portal_apps ORDER BY id LIMIT $1 OFFSET $2`,
      limitOffset(page),
    );
    return { items: rows.map(toPortalApp), total: await totalBehind(rows, this.dataSource, { from: 'portal_apps' }) };
  }

  async applyChanges(id: number, changes: ValidPortalAppChanges, now: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<PortalAppWithRequests> {
    const params = [
      id, expectedVersions ?? null, changes.name ?? null, changes.description ?? null, changes.redirectUrls ?? null,
      changes.userId ?? null, changes.visibility ?? null, now, ...actorParams(change),
    ];
    const rows = await this.write(changes.userId ?? 0, () => this.updateOnce(id, params));
    if (rows.length > 0) return { app: toPortalApp(rows[0]), accessRequests: rows[0].requests.map((row) => toRequestView(row, this.read)) };
    // Only on failure: tell a missing app from a stale If-Match.
    if (expectedVersions !== undefined && (await this.findById(id)) !== null) throw new VersionMismatchError();
    throw new PortalAppNotFoundError(id);
  }

  async delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    // Access requests and their credentials go with it (ON DELETE CASCADE): one entry, about the app.
    const deleted = await this.dataSource.transaction(async (manager) => {
      const rows: PortalAppRow[] = await manager.query(
        `WITH deleted AS (
           DELETE FROM portal_apps WHERE id = $1 AND ($2::integer[] IS NULL OR version = ANY($2)) RETURNING *)
         SELECT * FROM deleted`,
        [id, expectedVersions ?? null],
      );
      if (rows.length > 0) await recordChange(managerQuery(manager), portalAppRecord('deleted', toPortalApp(rows[0]), null, at), change);
      return rows.length > 0;
    });
    if (deleted) return;
    if (expectedVersions !== undefined && (await this.findById(id)) !== null) throw new VersionMismatchError();
    throw new PortalAppNotFoundError(id);
  }

  /**
   * The one statement; when it wrote nothing — another writer held the app
   * or committed under it (UPDATE_SQL says why), or the app is missing or
   * at another version — the same statement after waiting for the app's
   * lock in a transaction, whose answer then stands.
   */
  private async updateOnce(id: number, params: unknown[]): Promise<UpdatedRow[]> {
    try {
      const rows = await this.hot<UpdatedRow>(UPDATE_SQL, params);
      if (rows.length > 0) return rows;
    } catch (error) {
      if (pgError(error).code !== LOCK_NOT_AVAILABLE) throw error;
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM portal_apps WHERE id = $1 FOR UPDATE`, [id]);
      return (await manager.query(UPDATE_SQL, params)) as UpdatedRow[];
    });
  }

  private async write<T>(userId: number, query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === FOREIGN_KEY_VIOLATION && constraint === 'fk_portal_apps_user') throw new PortalUserNotFoundError(userId);
      throw error;
    }
  }
}
