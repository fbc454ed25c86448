import { AuthChangeFeed } from '../../application/ports/auth-change-feed';
import { ActiveKeyHashes, BrandRepository } from '../../application/ports/brand.repository';
import { Clock } from '../../application/ports/clock';
import { ChangeContext } from '../../domain/audit/change-context';
import { Brand } from '../../domain/brand/brand';
import { TtlCache } from './ttl-cache';

type ActiveKeys = ActiveKeyHashes;
/** Wrapped so that "no such brand" is a value the cache can hold. */
type Lookup = { readonly found: ActiveKeys | null };

/**
 * Keeps the answer of the auth lookup (brand URL → active key hashes) for
 * `ttlMs`, so a request does not pay a round trip for it. Keys added or
 * revoked through this process drop the cache at once; a change made by
 * another process (the CLI, another instance) drops the brand's entry when
 * `changes` reports it (PostgreSQL NOTIFY: well within a second), and at
 * most `ttlMs` later if that report is lost or there is no feed. Unknown
 * brands are cached like known ones (a new brand's entry goes the same way): an
 * unknown brand must cost what a known one costs, or the answer time would
 * tell which brands exist. The cache is bounded (oldest entries go first) and
 * failed authentications are rate limited per client address, so garbage
 * Brand-URLs can only push entries out, never grow it.
 */
export class CachingBrandRepository implements BrandRepository {
  private readonly cache: TtlCache<string, Lookup>;

  constructor(
    private readonly inner: BrandRepository,
    clock: Clock,
    ttlMs: number,
    changes?: AuthChangeFeed,
  ) {
    this.cache = new TtlCache(clock, ttlMs);
    changes?.subscribe((change) => {
      if (change.kind === 'everything') this.cache.clear();
      else if (change.kind === 'offline') this.cache.suspend();
      else if (change.kind === 'brand') this.cache.deleteWhere((url) => url === change.url);
    });
  }

  add(brand: Brand, change: ChangeContext): Promise<void> {
    return this.inner.add(brand, change);
  }

  findByUrl(url: string): Promise<Brand | null> {
    return this.inner.findByUrl(url);
  }

  async addKey(brandId: string, key: { id: string; hash: string; createdAt: Date }, change: ChangeContext): Promise<void> {
    await this.inner.addKey(brandId, key, change);
    this.cache.clear();
  }

  async revokeKeys(brandId: string, revokedAt: Date, change: ChangeContext, keyId?: string): Promise<string[]> {
    try {
      return await this.inner.revokeKeys(brandId, revokedAt, change, keyId);
    } finally {
      // Also when the write failed half-way: dropping the cache is always safe.
      this.cache.clear();
    }
  }

  async findActiveKeyHashes(url: string): Promise<ActiveKeys | null> {
    const cached = this.cache.get(url);
    if (cached !== undefined) return cached.found;
    const generation = this.cache.generation;
    const found = await this.inner.findActiveKeyHashes(url);
    this.cache.set(url, { found }, generation);
    return found;
  }
}
