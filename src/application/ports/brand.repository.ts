import { token } from './token';
import { Brand } from '../../domain/brand/brand';
import { ChangeContext } from '../../domain/audit/change-context';

/**
 * Brands and the hashes of their auth keys. Keys themselves are never
 * stored. Each write records its audit entry (actor from `change`) with it.
 */
export interface BrandRepository {
  /** Throws BrandUrlTakenError when the URL is in use. */
  add(brand: Brand, change: ChangeContext): Promise<void>;
  findByUrl(url: string): Promise<Brand | null>;
  addKey(brandId: string, key: { id: string; hash: string; createdAt: Date }, change: ChangeContext): Promise<void>;
  /**
   * The brand behind `url`, the hashes of its active keys and their ids
   * (`keyIds[i]` is the key of `hashes[i]`: the audit trail's actor); null
   * for an unknown brand.
   */
  findActiveKeyHashes(url: string): Promise<ActiveKeyHashes | null>;
  /**
   * Marks the brand's active keys revoked at `revokedAt` (only `keyId` when
   * given) and answers the ids it revoked; revoked keys no longer authenticate.
   * An implementation may cache lookups, but a revocation through it takes
   * effect for the lookups it answers at once.
   */
  revokeKeys(brandId: string, revokedAt: Date, change: ChangeContext, keyId?: string): Promise<string[]>;
}

export interface ActiveKeyHashes {
  readonly brandId: string;
  readonly hashes: string[];
  readonly keyIds: string[];
}

export const BRAND_REPOSITORY = token<BrandRepository>('BrandRepository');
