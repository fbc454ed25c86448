import { DataSource } from 'typeorm';
import { PageRequest, PageResult } from '../../../../application/ports/portal/page';
import { PortalAppRepository } from '../../../../application/ports/portal/portal-app.repository';
import { NewPortalApp, PortalApp } from '../../../../domain/portal/portal-app';
import { PortalAppNotFoundError, PortalUserNotFoundError } from '../../../../domain/portal/portal-errors';
import { FOREIGN_KEY_VIOLATION, pgError } from '../pg-errors';
import { writeWithVersion } from './optimistic-write';
import { limitOffset, PortalAppRow, toPortalApp } from './portal.rows';

/*
 * One statement writes the app and, in a second data-modifying CTE, points
 * every oauth2 credential of the app at the new RedirectURLs: both commit or
 * neither. PostgreSQL runs a data-modifying CTE even when nothing reads it.
 */
const UPDATE_SQL = `
  WITH updated AS (
    UPDATE portal_apps SET name = $3, description = $4, redirect_urls = $5, user_id = $6, visibility = $7,
           version = $8, updated_at = $9
     WHERE id = $1 AND version = $2 RETURNING *),
  followed AS (
    UPDATE portal_credentials c SET redirect_uri = u.redirect_urls, updated_at = u.updated_at, version = c.version + 1
      FROM updated u JOIN access_requests ar ON ar.app_id = u.id
     WHERE c.access_request_id = ar.id AND c.auth_type = 'oauth2' AND c.redirect_uri IS DISTINCT FROM u.redirect_urls
    RETURNING c.id)
  SELECT * FROM updated`;

export class TypeOrmPortalAppRepository implements PortalAppRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(app: NewPortalApp): Promise<PortalApp> {
    const rows: PortalAppRow[] = await this.write(app.userId, () =>
      this.dataSource.query(
        `INSERT INTO portal_apps (name, description, redirect_urls, user_id, visibility, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [app.name, app.description, app.redirectUrls, app.userId, app.visibility, app.version, app.createdAt, app.updatedAt],
      ),
    );
    return toPortalApp(rows[0]);
  }

  async findById(id: number): Promise<PortalApp | null> {
    const rows: PortalAppRow[] = await this.dataSource.query(`SELECT * FROM portal_apps WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toPortalApp(rows[0]);
  }

  async list(page: PageRequest): Promise<PageResult<PortalApp>> {
    const rows: PortalAppRow[] = await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total_items FROM portal_apps ORDER BY id LIMIT $1 OFFSET $2`,
      limitOffset(page),
    );
    if (rows.length > 0) return { items: rows.map(toPortalApp), total: Number(rows[0].total_items) };
    const [row]: { n: string }[] = await this.dataSource.query(`SELECT count(*) AS n FROM portal_apps`);
    return { items: [], total: Number(row.n) };
  }

  async update(id: number, change: (app: PortalApp) => void, expectedVersion?: number): Promise<PortalApp> {
    return writeWithVersion({
      load: () => this.findById(id),
      notFound: () => new PortalAppNotFoundError(id),
      expectedVersion,
      change,
      write: async (app, loadedVersion) => {
        const rows: PortalAppRow[] = await this.write(app.userId, () =>
          this.dataSource.query(UPDATE_SQL, [
            id, loadedVersion, app.name, app.description, app.redirectUrls, app.userId, app.visibility, app.version, app.updatedAt,
          ]),
        );
        return rows.length === 0 ? null : toPortalApp(rows[0]);
      },
    });
  }

  async delete(id: number): Promise<void> {
    // Access requests and their credentials go with it (ON DELETE CASCADE).
    const rows: unknown[] = await this.dataSource.query(
      `WITH deleted AS (DELETE FROM portal_apps WHERE id = $1 RETURNING id) SELECT id FROM deleted`,
      [id],
    );
    if (rows.length === 0) throw new PortalAppNotFoundError(id);
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
