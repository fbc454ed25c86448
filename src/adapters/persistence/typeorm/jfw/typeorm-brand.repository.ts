import { DataSource } from 'typeorm';
import { ActiveKeyHashes, BrandRepository } from '../../../../application/ports/brand.repository';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { Brand } from '../../../../domain/brand/brand';
import { actorParams } from '../audit-sql';
import { BrandUrlTakenError } from '../../../../domain/brand/brand-errors';
import { pgError, UNIQUE_VIOLATION } from '../pg-errors';
import { poolQuery } from '../pool-query';

export class TypeOrmBrandRepository implements BrandRepository {
  private readonly hot = poolQuery(this.dataSource);

  constructor(private readonly dataSource: DataSource) {}

  async add(brand: Brand, change: ChangeContext): Promise<void> {
    try {
      await this.dataSource.query(
        `WITH added AS (INSERT INTO brands (id, url, name) VALUES ($1, $2, $3) RETURNING *)
         SELECT ih_record_change(a.created_at, 'jfw', a.id, $4, $5, 'created', 'brand', a.id,
                  ih_changes(NULL, jsonb_build_object('url', a.url, 'name', a.name), ARRAY['url', 'name']), $6, NULL, NULL)
           FROM added a`,
        [brand.id, brand.url, brand.name, ...actorParams(change)],
      );
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

  async addKey(brandId: string, key: { id: string; hash: string; createdAt: Date }, change: ChangeContext): Promise<void> {
    // The key is a secret: its entry says only that one was made.
    await this.dataSource.query(
      `WITH added AS (INSERT INTO brand_api_keys (id, brand_id, key_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING *)
       SELECT ih_record_change(a.created_at, 'jfw', a.brand_id, $5, $6, 'created', 'brand-key', a.id,
                '[{"field":"key","changed":true}]'::jsonb, $7, NULL, NULL)
         FROM added a`,
      [key.id, brandId, key.hash, key.createdAt, ...actorParams(change)],
    );
  }

  async findActiveKeyHashes(url: string): Promise<ActiveKeyHashes | null> {
    const rows = await this.hot<{ brand_id: string; key_id: string | null; key_hash: string | null }>(
      `SELECT b.id AS brand_id, k.id AS key_id, k.key_hash FROM brands b
         LEFT JOIN brand_api_keys k ON k.brand_id = b.id AND k.revoked_at IS NULL
        WHERE b.url = $1`,
      [url],
    );
    if (rows.length === 0) return null;
    const keys = rows.filter((r) => r.key_hash !== null);
    return { brandId: rows[0].brand_id, hashes: keys.map((r) => r.key_hash!), keyIds: keys.map((r) => r.key_id!) };
  }

  async revokeKeys(brandId: string, revokedAt: Date, change: ChangeContext, keyId?: string): Promise<string[]> {
    // One entry for the write, about the brand, naming the keys it revoked; none when nothing was revoked.
    const rows: { ids: string[] | null }[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE brand_api_keys SET revoked_at = $2
          WHERE brand_id = $1 AND revoked_at IS NULL AND ($3::varchar IS NULL OR id = $3) RETURNING id),
       ids AS (SELECT array_agg(id ORDER BY id) AS ids FROM revoked)
       SELECT ids.ids, CASE WHEN ids.ids IS NOT NULL THEN
                ih_record_change($2, 'jfw', $1, $4, $5, 'revoked', 'brand', $1,
                  jsonb_build_array(jsonb_build_object('field', 'revokedKeyIds', 'from', NULL, 'to', to_jsonb(ids.ids))), $6, NULL, NULL)
              END AS audit_id
         FROM ids`,
      [brandId, revokedAt, keyId ?? null, ...actorParams(change)],
    );
    return rows[0]?.ids ?? [];
  }
}
