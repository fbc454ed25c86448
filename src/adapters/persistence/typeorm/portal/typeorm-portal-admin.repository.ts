import { portalAdminRecord } from '../../../../application/shared/portal-audit';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { managerQuery, recordChange } from '../audit-sql';
import { DataSource } from 'typeorm';
import { PortalAdminRepository } from '../../../../application/ports/portal-admin.repository';
import { NewPortalAdmin, PortalAdmin } from '../../../../domain/portal-admin/portal-admin';
import { PortalAdminEmailTakenError } from '../../../../domain/portal-admin/portal-admin-errors';
import { pgError, UNIQUE_VIOLATION } from '../pg-errors';
import { poolQuery } from '../pool-query';

interface PortalAdminRow {
  id: number;
  email: string;
  token_hash: string;
  created_at: Date;
}

function toPortalAdmin(row: PortalAdminRow): PortalAdmin {
  return PortalAdmin.restore({ id: row.id, email: row.email, tokenHash: row.token_hash, createdAt: row.created_at });
}

/** Stores token hashes only; the token itself never reaches the database. */
export class TypeOrmPortalAdminRepository implements PortalAdminRepository {
  private readonly hot = poolQuery(this.dataSource);

  constructor(private readonly dataSource: DataSource) {}

  async create(admin: NewPortalAdmin, change: ChangeContext): Promise<PortalAdmin> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows: PortalAdminRow[] = await manager.query(
          `INSERT INTO portal_admins (email, token_hash, created_at) VALUES ($1, $2, $3) RETURNING *`,
          [admin.email, admin.tokenHash, admin.createdAt],
        );
        await recordChange(managerQuery(manager), portalAdminRecord('created', rows[0], admin.createdAt), change);
        return toPortalAdmin(rows[0]);
      });
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === UNIQUE_VIOLATION && constraint === 'uq_portal_admins_email') throw new PortalAdminEmailTakenError(admin.email);
      throw error;
    }
  }

  async findByTokenHash(tokenHash: string): Promise<PortalAdmin | null> {
    const rows = await this.hot<PortalAdminRow>(`SELECT id, email, token_hash, created_at FROM portal_admins WHERE token_hash = $1`, [tokenHash]);
    return rows.length === 0 ? null : toPortalAdmin(rows[0]);
  }

  async revoke(email: string, at: Date, change: ChangeContext): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PortalAdminRow[] = await manager.query(
        `WITH deleted AS (DELETE FROM portal_admins WHERE email = $1 RETURNING *) SELECT * FROM deleted`,
        [email],
      );
      if (rows.length > 0) await recordChange(managerQuery(manager), portalAdminRecord('revoked', rows[0], at), change);
      return rows.length > 0;
    });
  }
}
