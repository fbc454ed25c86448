import { DataSource } from 'typeorm';
import { AppIntegrationCatalog, AppIntegrationFilter } from '../../../../application/ports/app-integration-catalog';
import { Page } from '../../../../application/ports/page';
import { AppIntegration, AppIntegrationSnapshot } from '../../../../domain/app-integration/app-integration';
import { AppIntegrationAlreadyExistsError } from '../../../../domain/app-integration/app-integration-errors';
import { likePattern, pgError, UNIQUE_VIOLATION } from '../pg-errors';
import { totalBehind, totalItems } from '../paging-sql';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { actorParams } from '../audit-sql';

const CATALOG_FIELDS = `ARRAY['type', 'name', 'domain', 'description', 'logoURL', 'status']`;

interface AppIntegrationRow {
  id: string;
  type: AppIntegrationSnapshot['type'];
  name: string;
  domain: string;
  description: string | null;
  logo_url: string | null;
  status: AppIntegrationSnapshot['status'];
  total_items?: string;
}

function toEntity(row: AppIntegrationRow): AppIntegration {
  return AppIntegration.restore({
    id: row.id,
    type: row.type,
    name: row.name,
    domain: row.domain,
    description: row.description,
    logoURL: row.logo_url,
    status: row.status,
  });
}

export class TypeOrmAppIntegrationCatalog implements AppIntegrationCatalog {
  constructor(private readonly dataSource: DataSource) {}

  async add(entry: AppIntegration, change: ChangeContext): Promise<void> {
    const p = entry.snapshot();
    try {
      // The catalog is shared by every brand: its entries have no brand.
      await this.dataSource.query(
        `WITH added AS (
           INSERT INTO app_integrations (id, type, name, domain, description, logo_url, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
         SELECT ih_record_change(now(), 'jfw', NULL, $8, $9, 'created', 'app-integration', a.id,
                  ih_changes(NULL, jsonb_build_object('type', a.type, 'name', a.name, 'domain', a.domain,
                    'description', a.description, 'logoURL', a.logo_url, 'status', a.status), ${CATALOG_FIELDS}), $10, NULL, NULL)
           FROM added a`,
        [p.id, p.type, p.name, p.domain, p.description, p.logoURL, p.status, ...actorParams(change)],
      );
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code !== UNIQUE_VIOLATION || constraint !== 'uq_app_integrations_type_name') throw error;
      // The entry that holds the name, as it is spelt there (the names compare case-insensitively).
      const same: { id: string; name: string }[] = await this.dataSource.query(
        `SELECT id, name FROM app_integrations WHERE type = $1 AND lower(name) = lower($2)`,
        [p.type, p.name],
      );
      throw new AppIntegrationAlreadyExistsError(p.type, same[0]?.name ?? p.name, same[0]?.id);
    }
  }

  async findById(id: string): Promise<AppIntegration | null> {
    const rows: AppIntegrationRow[] = await this.dataSource.query(`SELECT * FROM app_integrations WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toEntity(rows[0]);
  }

  async list(filter: AppIntegrationFilter, page: { offset: number; limit: number }): Promise<Page<AppIntegration>> {
    const params: unknown[] = [];
    const where = ['true'];
    if (filter.type !== undefined) {
      params.push(filter.type);
      where.push(`type = $${params.length}`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.keywords !== undefined) {
      params.push(likePattern(filter.keywords));
      where.push(`lower(name || ' ' || coalesce(description, '') || ' ' || domain) LIKE $${params.length}`);
    }
    const countParams = [...params];
    params.push(page.limit, page.offset);
    const count = { from: 'app_integrations', where: where.join(' AND ') };
    const rows: AppIntegrationRow[] = await this.dataSource.query(
      `SELECT *, ${totalItems(count)} FROM app_integrations
        WHERE ${where.join(' AND ')} ORDER BY name, id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = await totalBehind(rows, this.dataSource, count, countParams);
    return { items: rows.map(toEntity), total };
  }
}
