import { apiProductRecord } from '../../../../application/shared/portal-audit';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { managerQuery, recordChange } from '../audit-sql';
import { DataSource } from 'typeorm';
import { ApiProductRepository } from '../../../../application/ports/api-product.repository';
import { Page, PageSlice } from '../../../../application/ports/page';
import { ApiProduct, ApiProductSnapshot, NewApiProduct } from '../../../../domain/api-product/api-product';
import { IdentityProviderNotFoundError } from '../../../../domain/identity-provider/identity-provider-errors';
import { FOREIGN_KEY_VIOLATION, pgError } from '../pg-errors';
import { limitOffset } from './portal.rows';
import { totalBehind, totalItems } from '../paging-sql';

interface ApiProductRow {
  id: number;
  name: string;
  auth_type: ApiProductSnapshot['authType'];
  scopes: string;
  dcr_enabled: boolean;
  identity_provider_id: number | null;
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: ApiProductSnapshot['tokenEndpointAuthMethod'];
  created_at: Date;
  total_items?: string;
}

function toApiProduct(row: ApiProductRow): ApiProduct {
  return ApiProduct.restore({
    id: row.id, name: row.name, authType: row.auth_type, scopes: row.scopes, dcrEnabled: row.dcr_enabled,
    identityProviderId: row.identity_provider_id, grantTypes: row.grant_types, responseTypes: row.response_types,
    tokenEndpointAuthMethod: row.token_endpoint_auth_method, createdAt: row.created_at,
  });
}

export class TypeOrmApiProductRepository implements ApiProductRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(product: NewApiProduct, change: ChangeContext): Promise<ApiProduct> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows: ApiProductRow[] = await manager.query(
          `INSERT INTO api_products (name, auth_type, scopes, dcr_enabled, identity_provider_id, grant_types, response_types,
             token_endpoint_auth_method, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [product.name, product.authType, product.scopes, product.dcrEnabled, product.identityProviderId, product.grantTypes,
            product.responseTypes, product.tokenEndpointAuthMethod, product.createdAt],
        );
        const created = toApiProduct(rows[0]);
        await recordChange(managerQuery(manager), apiProductRecord(created, product.createdAt), change);
        return created;
      });
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === FOREIGN_KEY_VIOLATION && constraint === 'fk_api_products_identity_provider') {
        throw new IdentityProviderNotFoundError(product.identityProviderId!);
      }
      throw error;
    }
  }

  async findById(id: number): Promise<ApiProduct | null> {
    const rows: ApiProductRow[] = await this.dataSource.query(`SELECT * FROM api_products WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toApiProduct(rows[0]);
  }

  async findByIds(ids: readonly number[]): Promise<ApiProduct[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const rows: ApiProductRow[] = await this.dataSource.query(`SELECT * FROM api_products WHERE id = ANY($1::integer[])`, [wanted]);
    const byId = new Map(rows.map((row) => [row.id, toApiProduct(row)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  async list(page: PageSlice): Promise<Page<ApiProduct>> {
    const rows: ApiProductRow[] = await this.dataSource.query(
      `SELECT *, ${totalItems({ from: 'api_products' })} FROM api_products ORDER BY id LIMIT $1 OFFSET $2`,
      limitOffset(page),
    );
    return { items: rows.map(toApiProduct), total: await totalBehind(rows, this.dataSource, { from: 'api_products' }) };
  }
}
