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
import { FOREIGN_KEY_VIOLATION, pgError, ROW_NOT_FOUND, VERSION_MISMATCH } from '../pg-errors';
import { poolQuery } from '../pool-query';
import { retryingDeadlocks, withDeadlockRetry } from '../deadlock-retry';
import { AccessRequestRow, limitOffset, PORTAL_APP_COLUMNS, PortalAppRow, toPortalApp } from './portal.rows';
import { toRequestView } from './request-views';
import { SecretReader, secretReader } from '../readable-secret';
import { totalBehind, totalItems } from '../paging-sql';

/*
 * Seed 003's PUT is one call of ih_update_portal_app_audited (migration
 * 1773000000000): it locks the app, applies the partial change (a null
 * parameter keeps the column, as a field left out keeps its value), points
 * every oauth2 credential of the app at the new RedirectURLs and moves their
 * access requests' versions, records the audit entry and the event, and
 * answers the app with its access requests and their credentials (`requests`,
 * one JSON value): one round trip, all or nothing. Its statements each take
 * a fresh snapshot, so after waiting for another writer of the app they see
 * what that writer committed (docs/portal-surface.md, "Concurrent writers").
 * It raises IH404 for a missing app and IH412 for a stale If-Match.
 */
const UPDATE_SQL = `SELECT ${PORTAL_APP_COLUMNS.map((c) => `(r.app).${c}`).join(', ')}, r.requests
  FROM ih_update_portal_app_audited($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) r`;

type UpdatedRow = PortalAppRow & { requests: AccessRequestRow[] };

export class TypeOrmPortalAppRepository implements PortalAppRepository {
  /** The pool's statements; one PostgreSQL aborted as a deadlock runs again (deadlock-retry.ts). */
  private readonly hot = withDeadlockRetry(poolQuery(this.dataSource));
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
    const rows = await this.write(changes.userId ?? 0, () => this.hot<UpdatedRow>(UPDATE_SQL, params), id);
    return { app: toPortalApp(rows[0]), accessRequests: rows[0].requests.map((row) => toRequestView(row, this.read)) };
  }

  async delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    // Access requests and their credentials go with it (ON DELETE CASCADE): one entry, about the app.
    const deleted = await retryingDeadlocks(() => this.dataSource.transaction(async (manager) => {
      const rows: PortalAppRow[] = await manager.query(
        `WITH deleted AS (
           DELETE FROM portal_apps WHERE id = $1 AND ($2::integer[] IS NULL OR version = ANY($2)) RETURNING *)
         SELECT * FROM deleted`,
        [id, expectedVersions ?? null],
      );
      if (rows.length > 0) await recordChange(managerQuery(manager), portalAppRecord('deleted', toPortalApp(rows[0]), null, at), change);
      return rows.length > 0;
    }));
    if (deleted) return;
    if (expectedVersions !== undefined && (await this.findById(id)) !== null) throw new VersionMismatchError();
    throw new PortalAppNotFoundError(id);
  }

  /** The write, its database errors told as the domain's: an unknown owner; for an update, a missing app or a stale If-Match. */
  private async write<T>(userId: number, query: () => Promise<T>, appId?: number): Promise<T> {
    try {
      return await query();
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === FOREIGN_KEY_VIOLATION && constraint === 'fk_portal_apps_user') throw new PortalUserNotFoundError(userId);
      if (code === ROW_NOT_FOUND && appId !== undefined) throw new PortalAppNotFoundError(appId);
      if (code === VERSION_MISMATCH) throw new VersionMismatchError();
      throw error;
    }
  }
}
