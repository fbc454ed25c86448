import { DataSource } from 'typeorm';
import { BrandRepository } from '../../../../application/ports/brand.repository';
import { Brand } from '../../../../domain/brand/brand';
import { BrandUrlTakenError } from '../../../../domain/brand/brand-errors';
import { pgError, UNIQUE_VIOLATION } from '../pg-errors';
import { poolQuery } from '../pool-query';

export class TypeOrmBrandRepository implements BrandRepository {
  private readonly hot = poolQuery(this.dataSource);

  constructor(private readonly dataSource: DataSource) {}

  async add(brand: Brand): Promise<void> {
    try {
      await this.dataSource.query(`INSERT INTO brands (id, url, name) VALUES ($1, $2, $3)`, [brand.id, brand.url, brand.name]);
    } catch (error) {
      if (pgError(error).code === UNIQUE_VIOLATION) throw new BrandUrlTakenError(brand.url);
      throw error;
    }
  }

  async findByUrl(url: string): Promise<Brand | null> {
    const rows: { id: string; url: string; name: string }[] = await this.dataSource.query(
      `SELECT id, url, name FROM brands WHERE url = $1`,
      [url],
    );
    return rows.length === 0 ? null : Brand.restore(rows[0]);
  }

  async addKey(brandId: string, key: { id: string; hash: string; createdAt: Date }): Promise<void> {
    await this.dataSource.query(`INSERT INTO brand_api_keys (id, brand_id, key_hash, created_at) VALUES ($1, $2, $3, $4)`, [
      key.id,
      brandId,
      key.hash,
      key.createdAt,
    ]);
  }

  async findActiveKeyHashes(url: string): Promise<{ brandId: string; hashes: string[] } | null> {
    const rows = await this.hot<{ brand_id: string; key_hash: string | null }>(
      `SELECT b.id AS brand_id, k.key_hash FROM brands b
         LEFT JOIN brand_api_keys k ON k.brand_id = b.id AND k.revoked_at IS NULL
        WHERE b.url = $1`,
      [url],
    );
    if (rows.length === 0) return null;
    return { brandId: rows[0].brand_id, hashes: rows.flatMap((r) => (r.key_hash === null ? [] : [r.key_hash])) };
  }

  async revokeKeys(brandId: string, revokedAt: Date, keyId?: string): Promise<string[]> {
    // Wrapped in a SELECT: for a bare UPDATE, TypeORM answers [rows, rowCount].
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE brand_api_keys SET revoked_at = $2
          WHERE brand_id = $1 AND revoked_at IS NULL AND ($3::varchar IS NULL OR id = $3) RETURNING id)
       SELECT id FROM revoked ORDER BY id`,
      [brandId, revokedAt, keyId ?? null],
    );
    return rows.map((r) => r.id);
  }
}
