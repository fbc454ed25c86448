import { token } from './token';
import { Brand } from '../../domain/brand/brand';

/** Brands and the hashes of their auth keys. Keys themselves are never stored. */
export interface BrandRepository {
  /** Throws BrandUrlTakenError when the URL is in use. */
  add(brand: Brand): Promise<void>;
  findByUrl(url: string): Promise<Brand | null>;
  addKey(brandId: string, key: { id: string; hash: string; createdAt: Date }): Promise<void>;
  /** The brand behind `url` and the hashes of its active keys; null for an unknown brand. */
  findActiveKeyHashes(url: string): Promise<{ brandId: string; hashes: string[] } | null>;
  /**
   * Marks the brand's active keys revoked at `revokedAt` (only `keyId` when
   * given) and answers the ids it revoked; revoked keys no longer authenticate.
   * An implementation may cache lookups, but a revocation through it takes
   * effect for the lookups it answers at once.
   */
  revokeKeys(brandId: string, revokedAt: Date, keyId?: string): Promise<string[]>;
}

export const BRAND_REPOSITORY = token<BrandRepository>('BrandRepository');
