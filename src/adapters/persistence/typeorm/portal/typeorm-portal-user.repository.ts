import { portalUserRecord } from '../../../../application/shared/portal-audit';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { managerQuery, recordChange } from '../audit-sql';
import { DataSource } from 'typeorm';
import { Page, PageSlice } from '../../../../application/ports/page';
import { PortalUserRepository } from '../../../../application/ports/portal-user.repository';
import { EmailTakenError, PortalUserNotFoundError, UserOwnsAppsError } from '../../../../domain/portal-user/portal-user-errors';
import { NewPortalUser, PortalUser } from '../../../../domain/portal-user/portal-user';
import { FOREIGN_KEY_VIOLATION, pgError, UNIQUE_VIOLATION } from '../pg-errors';
import { limitOffset, PortalUserRow, toPortalUser } from './portal.rows';
import { writeWithVersion } from './optimistic-write';
import { totalBehind, totalItems } from '../paging-sql';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';

export class TypeOrmPortalUserRepository implements PortalUserRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(user: NewPortalUser, change: ChangeContext): Promise<PortalUser> {
    return this.write(user.email, () =>
      this.dataSource.transaction(async (manager) => {
        const rows: PortalUserRow[] = await manager.query(
          `INSERT INTO portal_users (email, first, last, role, organisation_id, active, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [user.email, user.first, user.last, user.role, user.organisationId, user.active, user.version, user.createdAt, user.updatedAt],
        );
        const created = toPortalUser(rows[0]);
        await recordChange(managerQuery(manager), portalUserRecord('created', null, created, user.createdAt), change);
        return created;
      }),
    );
  }

  async findById(id: number): Promise<PortalUser | null> {
    const rows: PortalUserRow[] = await this.dataSource.query(`SELECT * FROM portal_users WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toPortalUser(rows[0]);
  }

  async list(page: PageSlice): Promise<Page<PortalUser>> {
    const rows: PortalUserRow[] = await this.dataSource.query(
      `SELECT *, ${totalItems({ from: 'portal_users' })} FROM portal_users ORDER BY id LIMIT $1 OFFSET $2`,
      limitOffset(page),
    );
    const total = await totalBehind(rows, this.dataSource, { from: 'portal_users' });
    return { items: rows.map(toPortalUser), total };
  }

  async update(id: number, derive: (user: PortalUser) => PortalUser, change: ChangeContext, expectedVersions?: readonly number[]): Promise<PortalUser> {
    let before: PortalUser | null = null;
    return writeWithVersion({
      load: async () => (before = await this.findById(id)),
      notFound: () => new PortalUserNotFoundError(id),
      expectedVersions,
      change: derive,
      // The guarded UPDATE and its audit entry in one transaction; "from" is the version the guard matched.
      write: (user, loadedVersion) => this.write(user.email, () =>
        this.dataSource.transaction(async (manager) => {
          const rows: PortalUserRow[] = await manager.query(
            `WITH updated AS (
               UPDATE portal_users SET email = $3, first = $4, last = $5, role = $6, organisation_id = $7,
                      active = $8, version = $9, updated_at = $10
                WHERE id = $1 AND version = $2 RETURNING *)
             SELECT * FROM updated`,
            [id, loadedVersion, user.email, user.first, user.last, user.role, user.organisationId, user.active, user.version, user.updatedAt],
          );
          if (rows.length === 0) return null;
          const updated = toPortalUser(rows[0]);
          await recordChange(managerQuery(manager), portalUserRecord('updated', before, updated, user.updatedAt), change);
          return updated;
        }),
      ),
    });
  }

  async delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    let rows: unknown[];
    try {
      // One statement: the RESTRICT foreign key of portal_apps decides "owns apps" atomically.
      rows = await this.dataSource.transaction(async (manager) => {
        const deleted: PortalUserRow[] = await manager.query(
          `WITH deleted AS (
             DELETE FROM portal_users WHERE id = $1 AND ($2::integer[] IS NULL OR version = ANY($2)) RETURNING *)
           SELECT * FROM deleted`,
          [id, expectedVersions ?? null],
        );
        if (deleted.length > 0) await recordChange(managerQuery(manager), portalUserRecord('deleted', toPortalUser(deleted[0]), null, at), change);
        return deleted;
      });
    } catch (error) {
      if (pgError(error).code === FOREIGN_KEY_VIOLATION) throw new UserOwnsAppsError(id);
      throw error;
    }
    if (rows.length > 0) return;
    if (expectedVersions !== undefined && (await this.findById(id)) !== null) throw new VersionMismatchError();
    throw new PortalUserNotFoundError(id);
  }

  private async write<T>(email: string, query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === UNIQUE_VIOLATION && constraint === 'uq_portal_users_email') throw new EmailTakenError(email);
      throw error;
    }
  }
}
